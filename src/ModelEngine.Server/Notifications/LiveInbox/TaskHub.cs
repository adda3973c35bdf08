using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// The live inbox at <c>/hubs/tasks</c>. Clients only listen: the server sends <see cref="MethodName"/> with a
/// <see cref="TaskNotification"/> to each connection whose user a task change concerns.
/// </summary>
[Authorize]
internal sealed class TaskHub : Hub
{
    /// <summary>The client method that receives task changes.</summary>
    public const string MethodName = "taskChanged";

    /// <summary>The path the hub is mapped at.</summary>
    public const string Path = "/hubs/tasks";

    private readonly TaskConnectionRegistry _connections;

    public TaskHub(TaskConnectionRegistry connections)
    {
        _connections = connections;
    }

    public override Task OnConnectedAsync()
    {
        _connections.Add(Context.ConnectionId, Context.User!.ToUserIdentity());
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        _connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
