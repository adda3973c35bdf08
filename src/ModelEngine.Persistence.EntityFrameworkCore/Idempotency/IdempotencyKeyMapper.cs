using ModelEngine.Workflows.Idempotency;

namespace ModelEngine.Persistence.EntityFrameworkCore.Idempotency;

internal static class IdempotencyKeyMapper
{
    public static IdempotencyKeyEntity ToEntity(IdempotencyRecord record) => new()
    {
        Id = record.Id,
        Scope = record.Scope,
        Caller = record.Caller,
        Key = record.Key,
        RequestHash = record.RequestHash,
        CreatedAt = record.CreatedAt,
        ExpiresAt = record.ExpiresAt,
        StatusCode = record.StatusCode,
        ContentType = record.ContentType,
        HeadersJson = record.HeadersJson,
        Body = record.Body,
        WorkflowInstanceId = record.WorkflowInstanceId,
    };

    public static IdempotencyRecord ToRecord(IdempotencyKeyEntity entity) => new()
    {
        Scope = entity.Scope,
        Caller = entity.Caller,
        Key = entity.Key,
        RequestHash = entity.RequestHash,
        CreatedAt = entity.CreatedAt,
        ExpiresAt = entity.ExpiresAt,
        StatusCode = entity.StatusCode,
        ContentType = entity.ContentType,
        HeadersJson = entity.HeadersJson,
        Body = entity.Body,
        WorkflowInstanceId = entity.WorkflowInstanceId,
    };
}
