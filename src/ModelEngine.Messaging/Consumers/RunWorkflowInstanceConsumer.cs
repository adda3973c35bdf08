using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Messaging.Consumers;

/// <summary>
/// Runs the Pending work of the instance that another node (or this one) committed. It is idempotent: a repeated
/// delivery finds no Pending work and does nothing. An exception leaves the message to MassTransit's retry, and the
/// instance stays Pending in the database for start-up recovery if every retry fails.
/// </summary>
internal sealed partial class RunWorkflowInstanceConsumer : IConsumer<RunWorkflowInstance>
{
    /// <summary>The queue's name after <see cref="MessagingOptions.QueuePrefix"/>.</summary>
    public const string QueueSuffix = "-run-workflow-instance";

    private readonly IWorkflowRuntime _runtime;
    private readonly ILogger<RunWorkflowInstanceConsumer> _logger;

    public RunWorkflowInstanceConsumer(IWorkflowRuntime runtime, ILogger<RunWorkflowInstanceConsumer> logger)
    {
        _runtime = runtime;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<RunWorkflowInstance> context)
    {
        var instanceId = context.Message.WorkflowInstanceId;
        using var span = MessagingTelemetry.Source.StartActivity("consume RunWorkflowInstance", ActivityKind.Consumer);
        span?.SetTag(MessagingTelemetry.InstanceIdTag, instanceId);
        span?.SetTag(MessagingTelemetry.MessageIdTag, context.MessageId?.ToString());

        Log.Running(_logger, instanceId, context.MessageId);
        await _runtime.RunPendingAsync(instanceId, context.CancellationToken);
        MessagingTelemetry.MessagesConsumed.Add(1, new TagList
        {
            { MessagingTelemetry.ConsumerTag, nameof(RunWorkflowInstance) },
            { MessagingTelemetry.OutcomeTag, "ran" },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Running the pending work of workflow instance {WorkflowInstanceId} for bus message {MessageId}.")]
        public static partial void Running(ILogger logger, string workflowInstanceId, Guid? messageId);
    }
}
