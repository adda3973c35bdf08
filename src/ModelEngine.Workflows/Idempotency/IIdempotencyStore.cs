namespace ModelEngine.Workflows.Idempotency;

/// <summary>
/// Stores <c>Idempotency-Key</c> records. A record can also be inserted as a change of a workflow commit, so that the
/// key and the change it guards are written in one transaction.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Returns the record of the key, expired or not, or <see langword="null"/> when there is none.</summary>
    Task<IdempotencyRecord?> FindAsync(string scope, string caller, string key, CancellationToken cancellationToken = default);

    /// <summary>Inserts the record, and returns <see langword="false"/> when a record with the same id exists.</summary>
    Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Stores the response fields of <paramref name="record"/> on the existing record with the same id.</summary>
    Task CompleteAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record, so that a request that failed without a result does not block its key.</summary>
    Task DeleteAsync(string scope, string caller, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="maxCount"/> records that expired at or before <paramref name="now"/>, and returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default);
}
