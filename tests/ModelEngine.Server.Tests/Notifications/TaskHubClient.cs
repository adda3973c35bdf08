using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>A SignalR client of <c>/hubs/tasks</c> for one user that records every task change it receives.</summary>
internal sealed class TaskHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<JsonElement> _received = new();

    private TaskHubClient(string user, HubConnection connection)
    {
        User = user;
        _connection = connection;
        _connection.On<JsonElement>("taskChanged", message => _received.Enqueue(message.Clone()));
    }

    public string User { get; }

    public IReadOnlyList<JsonElement> Received => _received.ToArray();

    /// <summary>Connects over WebSockets to the hub of <paramref name="server"/>, with the token in the access_token query.</summary>
    public static async Task<TaskHubClient> ConnectAsync(ServerFactory server, string user)
    {
        var token = await server.LoginAsync(user);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.LoopbackAddress, "/hubs/tasks"), options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var client = new TaskHubClient(user, connection);
        await connection.StartAsync().WaitAsync(Timeouts.Request);
        return client;
    }

    /// <summary>The changes received of <paramref name="kind"/> for <paramref name="taskId"/>.</summary>
    public IReadOnlyList<JsonElement> Changes(string taskId, string kind) =>
        Received.Where(message => message.GetProperty("taskId").GetString() == taskId && message.GetProperty("kind").GetString() == kind).ToList();

    /// <summary>Waits until a change that <paramref name="match"/> accepts has arrived, and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string description)
    {
        var found = await Eventually.WaitAsync(
            () => Task.FromResult(Received.Where(match).ToList()),
            matches => matches.Count > 0,
            $"{User} to receive {description} (received: {string.Join(", ", Received.Select(m => m.GetProperty("kind").GetString() + " " + m.GetProperty("taskId").GetString()))})");
        return found[0];
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
