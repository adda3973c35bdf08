using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Persistence.EntityFrameworkCore.Messaging;

internal static class OutboxMessageMapper
{
    public static OutboxMessageEntity ToEntity(OutboxMessage message) => new()
    {
        Id = message.Id,
        WorkflowInstanceId = message.WorkflowInstanceId,
        MessageType = message.MessageType,
        CorrelationId = message.CorrelationId,
        PayloadJson = message.PayloadJson,
        CreatedAt = message.CreatedAt,
    };

    public static ConsumedMessageEntity ToEntity(ConsumedMessage consumed) => new()
    {
        MessageId = consumed.MessageId,
        WorkflowInstanceId = consumed.WorkflowInstanceId,
        ConsumedAt = consumed.ConsumedAt,
    };
}
