using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Auditing;

/// <summary>
/// Stores audit records. The in-memory log is the default; a persistence module replaces it with a table.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores one record. A record whose <see cref="AuditRecord.Id"/> exists already is rejected.</summary>
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Returns a page of the matching records, newest first (by timestamp, then by id, both descending).</summary>
    Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
