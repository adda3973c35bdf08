using Microsoft.AspNetCore.SignalR.Client;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Tasks;
using ModelEngine.Studio.Auth;

namespace ModelEngine.Studio.Features.Inbox.Live;

/// <summary>
/// Opens one SignalR connection per circuit to <c>{server}/hubs/tasks</c> with the user's access token, reconnects on
/// its own, and disposes the connection with the circuit's scope.
/// </summary>
public sealed partial class TaskLiveUpdates(
    StudioServerAddress serverAddress, StudioSession session, ILogger<TaskLiveUpdates> logger) : ITaskLiveUpdates, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection? _connection;

    /// <inheritdoc/>
    public event Action<TaskChange>? TaskChanged;

    /// <inheritdoc/>
    public event Action? Reconnected;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not null)
            {
                return;
            }

            var hubUrl = new Uri(serverAddress.BaseAddress, "hubs/tasks");
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, options => options.AccessTokenProvider = session.GetAccessTokenAsync)
                .WithAutomaticReconnect()
                .Build();
            connection.On<TaskChange>("taskChanged", change => TaskChanged?.Invoke(change));
            connection.Reconnected += _ =>
            {
                LogReconnected(logger, hubUrl);
                Reconnected?.Invoke();
                return Task.CompletedTask;
            };
            connection.Closed += error =>
            {
                // Automatic reconnect has given up, or the circuit disposed the connection. Dropping the reference
                // lets the next page that calls StartAsync open a new connection.
                LogClosed(logger, hubUrl, error);
                Interlocked.CompareExchange(ref _connection, null, connection);
                return Task.CompletedTask;
            };

            try
            {
                await connection.StartAsync(cancellationToken).ConfigureAwait(false);
                _connection = connection;
                LogConnected(logger, hubUrl);
            }
            catch (Exception error) when (error is HttpRequestException or InvalidOperationException or IOException or TimeoutException)
            {
                LogConnectFailed(logger, hubUrl, error);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the connection; the circuit's scope calls this when the user leaves.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 8401, Level = LogLevel.Debug, Message = "Opened the live task connection to {HubUrl}.")]
    private static partial void LogConnected(ILogger logger, Uri hubUrl);

    [LoggerMessage(EventId = 8402, Level = LogLevel.Warning, Message = "Could not open the live task connection to {HubUrl}; the inbox works without live updates.")]
    private static partial void LogConnectFailed(ILogger logger, Uri hubUrl, Exception error);

    [LoggerMessage(EventId = 8403, Level = LogLevel.Information, Message = "The live task connection to {HubUrl} reconnected; open inboxes reload.")]
    private static partial void LogReconnected(ILogger logger, Uri hubUrl);

    [LoggerMessage(EventId = 8404, Level = LogLevel.Information, Message = "The live task connection to {HubUrl} closed.")]
    private static partial void LogClosed(ILogger logger, Uri hubUrl, Exception? error);
}
