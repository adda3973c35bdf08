using MassTransit;
using Microsoft.Extensions.Logging;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Messaging.Execution;

/// <summary>
/// Announces committed Pending instances on the bus, so that any node runs them. It publishes right after the commit
/// instead of through the outbox: the instance row itself is the durable record, so a node that dies between the commit
/// and the publish loses nothing that recovery does not pick up. When the publish fails or times out, the instance runs
/// on this node through <paramref name="localQueue"/>.
/// </summary>
internal sealed partial class BusWorkflowWorkQueue : IWorkflowWorkQueue
{
    private readonly IBus _bus;
    private readonly IWorkflowWorkQueue _localQueue;
    private readonly TimeSpan _publishTimeout;
    private readonly ILogger<BusWorkflowWorkQueue> _logger;

    public BusWorkflowWorkQueue(IBus bus, IWorkflowWorkQueue localQueue, TimeSpan publishTimeout, ILogger<BusWorkflowWorkQueue> logger)
    {
        _bus = bus;
        _localQueue = localQueue;
        _publishTimeout = publishTimeout;
        _logger = logger;
    }

    public void Enqueue(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);

        // The caller has committed and must not wait for the broker, so the publish finishes in the background.
        _ = PublishAsync(instanceId);
    }

    private async Task PublishAsync(string instanceId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_publishTimeout);
            await _bus.Publish(new RunWorkflowInstance { WorkflowInstanceId = instanceId }, timeout.Token).ConfigureAwait(false);
            Log.Announced(_logger, instanceId);
        }
        catch (Exception exception)
        {
            Log.AnnounceFailed(_logger, exception, instanceId);
            _localQueue.Enqueue(instanceId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} announced on the bus to run on any node.")]
        public static partial void Announced(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Announcing workflow instance {WorkflowInstanceId} on the bus failed; it runs on this node instead.")]
        public static partial void AnnounceFailed(ILogger logger, Exception exception, string workflowInstanceId);
    }
}
