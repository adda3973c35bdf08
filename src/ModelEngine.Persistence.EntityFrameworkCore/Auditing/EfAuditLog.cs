using Microsoft.EntityFrameworkCore;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Auditing;

/// <summary>Stores audit records in the AuditRecords table.</summary>
internal sealed class EfAuditLog : IAuditLog
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfAuditLog(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.AuditRecords.Add(new AuditRecordEntity
        {
            Id = record.Id,
            Timestamp = record.Timestamp,
            Actor = record.Actor,
            Action = record.Action,
            EntityType = record.EntityType,
            EntityId = record.EntityId,
            DefinitionId = record.DefinitionId,
            Version = record.Version,
            Detail = record.Detail,
        });

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            throw new ConcurrencyConflictException($"Audit record {record.Id} exists already.", exception);
        }
    }

    public async Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var rows = context.AuditRecords.AsNoTracking();
        if (query.Actor is not null)
        {
            rows = rows.Where(e => e.Actor == query.Actor);
        }

        if (query.EntityType is not null)
        {
            rows = rows.Where(e => e.EntityType == query.EntityType);
        }

        if (query.EntityId is not null)
        {
            rows = rows.Where(e => e.EntityId == query.EntityId);
        }

        if (query.Action is not null)
        {
            rows = rows.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(e => e.Timestamp >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(e => e.Timestamp < to);
        }

        var (skip, take) = query.Page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await rows
            .OrderByDescending(e => e.Timestamp)
            .ThenByDescending(e => e.Id)
            .Skip(skip)
            .Take(take)
            .Select(e => new AuditRecord
            {
                Id = e.Id,
                Timestamp = e.Timestamp,
                Actor = e.Actor,
                Action = e.Action,
                EntityType = e.EntityType,
                EntityId = e.EntityId,
                DefinitionId = e.DefinitionId,
                Version = e.Version,
                Detail = e.Detail,
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<AuditRecord>(items, totalCount);
    }
}
