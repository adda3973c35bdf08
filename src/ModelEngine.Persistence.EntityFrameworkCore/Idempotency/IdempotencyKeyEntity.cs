namespace ModelEngine.Persistence.EntityFrameworkCore.Idempotency;

/// <summary>A row of the IdempotencyKeys table. <see cref="Id"/> is the SHA-256 of scope, caller and key.</summary>
internal sealed class IdempotencyKeyEntity
{
    public required string Id { get; set; }

    public required string Scope { get; set; }

    public required string Caller { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? HeadersJson { get; set; }

    public string? Body { get; set; }

    public string? WorkflowInstanceId { get; set; }
}
