namespace ModelEngine.Server.Idempotency;

/// <summary>Settings of stored <c>Idempotency-Key</c> headers, bound from the <c>Idempotency</c> section.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key and its first response are kept. A repeat after that runs as a new request.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The time between two deletions of expired keys. The first one is at start-up.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a repeat waits for the first request with its key to finish before it gets 409. Keep it above
    /// <c>HttpWorkflows:ResponseTimeout</c>, so that a repeat of a waiting HTTP workflow request gets its response.
    /// </summary>
    public TimeSpan InProgressWait { get; set; } = TimeSpan.FromSeconds(35);
}
