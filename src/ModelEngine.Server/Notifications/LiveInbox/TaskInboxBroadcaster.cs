using Microsoft.AspNetCore.SignalR;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Substitutes;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// Sends a task event to this node's hub connections whose user it concerns, once per connection. The relay delivers
/// events at least once, so the ids of recent events are kept and a repeated event is dropped.
/// </summary>
internal sealed partial class TaskInboxBroadcaster
{
    // About a minute of events at the target rate of several hundred task changes per second.
    private const int RecentEventCapacity = 50_000;

    private readonly IHubContext<TaskHub> _hub;
    private readonly TaskConnectionRegistry _connections;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger<TaskInboxBroadcaster> _logger;
    private readonly Lock _recentLock = new();
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public TaskInboxBroadcaster(
        IHubContext<TaskHub> hub, TaskConnectionRegistry connections, IServiceScopeFactory scopeFactory, ILogger<TaskInboxBroadcaster> logger)
    {
        _hub = hub;
        _connections = connections;
        _scopeFactory = scopeFactory;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="taskEvent"/> to the concerned connections and returns how many it was sent to.</summary>
    public async Task<int> BroadcastAsync(HumanTaskEvent taskEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        if (!Remember(taskEvent.Id))
        {
            Log.Repeated(_logger, taskEvent.Id, taskEvent.Task.Id);
            return 0;
        }

        var connections = _connections.Snapshot();
        if (connections.Count == 0)
        {
            return 0;
        }

        // The substitute store is optional, and a host may register it with any lifetime.
        TaskAudience audience;
        await using (var scope = _scopeFactory.CreateAsyncScope())
        {
            audience = await TaskAudience.ForAsync(taskEvent, scope.ServiceProvider.GetService<ISubstituteStore>(), cancellationToken);
        }

        var notification = TaskNotification.From(taskEvent);
        var sent = 0;
        foreach (var (connectionId, user) in connections)
        {
            if (!audience.Includes(user))
            {
                continue;
            }

            await _hub.Clients.Client(connectionId).SendAsync(TaskHub.MethodName, notification, cancellationToken);
            sent++;
        }

        Log.Broadcast(_logger, taskEvent.Id, taskEvent.Kind, taskEvent.Task.Id, taskEvent.Task.WorkflowInstanceId, sent);
        return sent;
    }

    /// <summary>Records an event id; returns <see langword="false"/> when it was seen recently.</summary>
    private bool Remember(string eventId)
    {
        lock (_recentLock)
        {
            if (!_recent.Add(eventId))
            {
                return false;
            }

            _recentOrder.Enqueue(eventId);
            if (_recentOrder.Count > RecentEventCapacity)
            {
                _recent.Remove(_recentOrder.Dequeue());
            }

            return true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Debug, Message = "Task event {EventId} ({Kind}) of task {TaskId} in workflow instance {WorkflowInstanceId} was sent to {ConnectionCount} hub connections.")]
        public static partial void Broadcast(ILogger logger, string eventId, HumanTaskEventKind kind, string taskId, string workflowInstanceId, int connectionCount);

        [LoggerMessage(EventId = 1802, Level = LogLevel.Debug, Message = "Task event {EventId} of task {TaskId} arrived again and was dropped.")]
        public static partial void Repeated(ILogger logger, string eventId, string taskId);
    }
}
