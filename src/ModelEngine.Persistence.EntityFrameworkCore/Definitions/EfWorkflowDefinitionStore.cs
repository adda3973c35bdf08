using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Definitions;

/// <summary>Stores definition versions in the WorkflowDefinitions table.</summary>
internal sealed partial class EfWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    /// <summary>The list item of a version, selected in SQL so that lists never read the model column.</summary>
    private static readonly Expression<Func<WorkflowDefinitionEntity, WorkflowDefinitionSummary>> SummaryProjection = e => new WorkflowDefinitionSummary(
        e.Id, e.DefinitionId, e.Version, e.Name, e.Description, e.IsLatest, e.IsPublished, e.CreatedAt, e.UpdatedAt);

    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly ILogger<EfWorkflowDefinitionStore> _logger;

    public EfWorkflowDefinitionStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, ILogger<EfWorkflowDefinitionStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _logger = logger;
    }

    public async Task<WorkflowDefinitionRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.WorkflowDefinitions.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : WorkflowDefinitionMapper.ToRecord(entity);
    }

    public async Task<WorkflowDefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // The highest version wins should two rows ever carry the flag.
        var entity = await context.WorkflowDefinitions.AsNoTracking()
            .Where(e => e.DefinitionId == definitionId && e.IsLatest)
            .OrderByDescending(e => e.Version)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : WorkflowDefinitionMapper.ToRecord(entity);
    }

    public async Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.WorkflowDefinitions.AsNoTracking()
            .Where(e => e.DefinitionId == definitionId && e.IsPublished)
            .OrderByDescending(e => e.Version)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : WorkflowDefinitionMapper.ToRecord(entity);
    }

    public async Task<WorkflowDefinitionRecord?> FindVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.WorkflowDefinitions.AsNoTracking()
            .FirstOrDefaultAsync(e => e.DefinitionId == definitionId && e.Version == version, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : WorkflowDefinitionMapper.ToRecord(entity);
    }

    public async Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var rows = query.PublishedOnly
            ? context.WorkflowDefinitions.AsNoTracking().Where(e => e.IsPublished)
            : context.WorkflowDefinitions.AsNoTracking().Where(e => e.IsLatest);

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            var term = query.SearchTerm.Trim();
            rows = rows.Where(e => e.DefinitionId.Contains(term) || (e.Name != null && e.Name.Contains(term)));
        }

        var (skip, take) = query.Page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await rows
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .Skip(skip)
            .Take(take)
            .Select(SummaryProjection)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<WorkflowDefinitionSummary>(items, totalCount);
    }

    public async Task<Page<WorkflowDefinitionSummary>> ListVersionsAsync(string definitionId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var rows = context.WorkflowDefinitions.AsNoTracking().Where(e => e.DefinitionId == definitionId);
        var (skip, take) = page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await rows
            .OrderByDescending(e => e.Version)
            .Skip(skip)
            .Take(take)
            .Select(SummaryProjection)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<WorkflowDefinitionSummary>(items, totalCount);
    }

    public async Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // One DELETE statement removes every version atomically.
        var deleted = await context.WorkflowDefinitions
            .Where(e => e.DefinitionId == definitionId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        Log.DefinitionDeleted(_logger, deleted, definitionId);
        return deleted;
    }

    public async Task SaveAsync(IReadOnlyList<WorkflowDefinitionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = records.Select(r => r.Id).ToList();
        var existing = await context.WorkflowDefinitions
            .Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, cancellationToken)
            .ConfigureAwait(false);

        foreach (var record in records)
        {
            if (existing.TryGetValue(record.Id, out var entity))
            {
                entity.CopyFrom(record);
            }
            else
            {
                entity = WorkflowDefinitionMapper.ToEntity(record);
                existing.Add(record.Id, entity);
                context.WorkflowDefinitions.Add(entity);
            }
        }

        // SaveChanges wraps all rows in one transaction.
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            throw new ConcurrencyConflictException(
                $"Saving definition versions {string.Join(", ", ids)} failed: another version with the same definition id and version number was saved first.",
                exception);
        }

        Log.DefinitionsSaved(_logger, records.Count, records[0].DefinitionId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.DefinitionsSaved, Level = LogLevel.Debug,
            Message = "Saved {Count} version rows of definition {DefinitionId}")]
        public static partial void DefinitionsSaved(ILogger logger, int count, string definitionId);

        [LoggerMessage(EventId = PersistenceEventIds.DefinitionDeleted, Level = LogLevel.Debug,
            Message = "Deleted {Count} version rows of definition {DefinitionId}")]
        public static partial void DefinitionDeleted(ILogger logger, int count, string definitionId);
    }
}
