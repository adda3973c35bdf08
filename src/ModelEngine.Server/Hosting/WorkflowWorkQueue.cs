using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Holds the ids of committed Pending instances on a bounded channel until a <see cref="WorkflowWorkerService"/> runs
/// them. When the channel is full, the id is dropped and the queue is marked as overflowed: the worker then lists the
/// Pending instances from the database again once it has drained the channel, so no work is lost.
/// </summary>
internal sealed partial class WorkflowWorkQueue : IWorkflowWorkQueue
{
    private readonly Channel<string> _channel;
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

        if (_channel.Writer.TryWrite(instanceId))
        {
            Log.Enqueued(_logger, instanceId);
            return;
        }

        // Only the first drop after a recovery pass is logged, so a burst does not flood the log.
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            Log.QueueFull(_logger, instanceId, Capacity);
        }
    }

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
