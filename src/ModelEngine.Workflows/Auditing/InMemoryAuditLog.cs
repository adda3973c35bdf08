using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Auditing;

/// <summary>Keeps audit records in memory, for tests and embedding without a database; they are lost on exit.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly object _gate = new();
    private readonly List<AuditRecord> _records = [];

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_records.Any(existing => existing.Id == record.Id))
            {
                throw new ConcurrencyConflictException($"Audit record {record.Id} exists already.");
            }

            _records.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var matches = _records
                .Where(r => query.Actor is null || r.Actor == query.Actor)
                .Where(r => query.EntityType is null || r.EntityType == query.EntityType)
                .Where(r => query.EntityId is null || r.EntityId == query.EntityId)
                .Where(r => query.Action is null || r.Action == query.Action)
                .Where(r => query.From is null || r.Timestamp >= query.From)
                .Where(r => query.To is null || r.Timestamp < query.To)
                .OrderByDescending(r => r.Timestamp)
                .ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .ToList();
            var size = query.Page.PageSize <= 0 ? PageRequest.DefaultPageSize : Math.Min(query.Page.PageSize, PageRequest.MaxPageSize);
            var skip = (long)(Math.Max(query.Page.Page, 1) - 1) * size;
            var items = matches.Skip((int)Math.Min(skip, int.MaxValue)).Take(size).ToList();
            return Task.FromResult(new Page<AuditRecord>(items, matches.Count));
        }
    }
}
