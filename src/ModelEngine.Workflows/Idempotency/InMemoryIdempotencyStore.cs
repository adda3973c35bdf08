using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Idempotency;

/// <summary>Keeps idempotency records in memory and inserts those of in-memory commits. For tests and hosts without a database.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore, ICommitChangeHandler
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);

    public Task<IdempotencyRecord?> FindAsync(string scope, string caller, string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(IdempotencyKeys.ComputeId(scope, caller, key)));
        }
    }

    public Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            return Task.FromResult(_records.TryAdd(record.Id, record));
        }
    }

    public Task CompleteAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_records.ContainsKey(record.Id))
            {
                _records[record.Id] = record;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string scope, string caller, string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _records.Remove(IdempotencyKeys.ComputeId(scope, caller, key));
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var expired = _records.Values.Where(record => record.ExpiresAt <= now).Take(maxCount).Select(record => record.Id).ToList();
            foreach (var id in expired)
            {
                _records.Remove(id);
            }

            return Task.FromResult(expired.Count);
        }
    }

    public bool CanApply(object change) => change is IdempotencyRecord;

    public void Validate(object change)
    {
        var record = (IdempotencyRecord)change;
        lock (_gate)
        {
            if (_records.ContainsKey(record.Id))
            {
                throw new ConcurrencyConflictException($"The Idempotency-Key '{record.Key}' of '{record.Caller}' for {record.Scope} is already stored. Nothing was written.");
            }
        }
    }

    public void Apply(object change)
    {
        var record = (IdempotencyRecord)change;
        lock (_gate)
        {
            _records.TryAdd(record.Id, record);
        }
    }

    public void RemoveInstance(string workflowInstanceId)
    {
        // Records outlive their instance until they expire, so that a repeat still gets the first response.
    }
}
