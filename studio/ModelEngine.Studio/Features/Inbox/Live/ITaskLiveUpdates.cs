using ModelEngine.Studio.Api.Tasks;

namespace ModelEngine.Studio.Features.Inbox.Live;

/// <summary>
/// The <c>taskChanged</c> messages of the server's <c>/hubs/tasks</c> hub for the signed-in user of one circuit. Handlers
/// run on the connection's thread, so components marshal them with <c>InvokeAsync</c>.
/// </summary>
public interface ITaskLiveUpdates
{
    /// <summary>Raised once per task event that concerns the user.</summary>
    event Action<TaskChange>? TaskChanged;

    /// <summary>Raised after the connection came back. Events sent while it was down are lost, so listeners reload.</summary>
    event Action? Reconnected;

    /// <summary>Opens the connection unless it is open or opening; a failure is logged and leaves the inbox without live updates.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);
}
