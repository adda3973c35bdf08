using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Holds the ids of committed Pending instances on a bounded channel until a <see cref="WorkflowWorkerService"/> runs
/// them. When the channel is full, the id is dropped and the queue is marked as overflowed: the worker then lists the
/// Pending instances from the database again once it has drained the channel, so no work is lost. An id already
/// waiting in the channel is not added a second time.
/// </summary>
internal sealed partial class WorkflowWorkQueue : IWorkflowWorkQueue
{
    private readonly Channel<string> _channel;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly ILogger<WorkflowWorkQueue> _logger;
    private int _overflowed;

    public WorkflowWorkQueue(IOptions<ExecutionOptions> options, ILogger<WorkflowWorkQueue> logger)
    {
        var capacity = options.Value.QueueCapacity;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, "Execution:QueueCapacity");

        _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _logger = logger;
        Capacity = capacity;
    }

    public int Capacity { get; }

    public ChannelReader<string> Reader => _channel.Reader;

    public void Enqueue(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);

        // An id that waits in the channel already covers this request: the run it gets loads the instance afresh.
        if (!_queued.TryAdd(instanceId, 0))
        {
            return;
        }

        if (_channel.Writer.TryWrite(instanceId))
        {
            Log.Enqueued(_logger, instanceId);
            return;
        }

        _queued.TryRemove(instanceId, out _);

        // Only the first drop after a recovery pass is logged, so a burst does not flood the log.
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            Log.QueueFull(_logger, instanceId, Capacity);
        }
    }

    /// <summary>
    /// Marks an id read from <see cref="Reader"/> as no longer waiting. A worker calls it before it loads the instance,
    /// so that a commit after that load queues the id again.
    /// </summary>
    public void MarkDequeued(string instanceId) => _queued.TryRemove(instanceId, out _);

    /// <summary>Returns whether the id waits in the channel.</summary>
    public bool IsQueued(string instanceId) => _queued.ContainsKey(instanceId);

    /// <summary>Returns whether ids were dropped since the last call, and clears the mark.</summary>
    public bool TakeOverflowMark() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} queued to run in the background.")]
        public static partial void Enqueued(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
            Message = "The execution queue is full ({Capacity} ids, Execution:QueueCapacity); workflow instance {WorkflowInstanceId} and later ids will be picked up from the database once the queue drains.")]
        public static partial void QueueFull(ILogger logger, string workflowInstanceId, int capacity);
    }
}
