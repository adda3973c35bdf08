namespace ModelEngine.Workflows.Idempotency;

/// <summary>
/// A stored <c>Idempotency-Key</c>: the first request that a caller sent with the key to a scope (such as
/// <c>tasks/complete</c>), a hash of that request, and its response once it is known. A record without
/// <see cref="StatusCode"/> belongs to a request that is still running. As a change of a <see cref="Persistence.WorkflowCommit"/>,
/// the record is inserted in the commit's transaction, and an existing record for the same key fails the commit with
/// <see cref="Persistence.ConcurrencyConflictException"/>.
/// </summary>
public sealed record IdempotencyRecord
{
    public required string Scope { get; init; }

    /// <summary>The user or API key name of the caller, or an empty string for an anonymous caller.</summary>
    public required string Caller { get; init; }

    public required string Key { get; init; }

    /// <summary>The SHA-256 of the request's target and body, as hex, so that a reused key with another request is rejected.</summary>
    public required string RequestHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record may be deleted and the key used again.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The status code of the first response, or <see langword="null"/> while the first request runs.</summary>
    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Response headers to repeat, as a JSON object of names to arrays of strings.</summary>
    public string? HeadersJson { get; init; }

    public string? Body { get; init; }

    /// <summary>The instance the first request started or resumed, when there is one.</summary>
    public string? WorkflowInstanceId { get; init; }

    /// <summary>The primary key: the SHA-256 of scope, caller and key, as 64 hex digits, so that long keys fit an index.</summary>
    public string Id => IdempotencyKeys.ComputeId(Scope, Caller, Key);
}
