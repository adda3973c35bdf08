using Microsoft.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>Reads instances, their journal and their bookmarks.</summary>
internal sealed class EfWorkflowInstanceStore : IWorkflowInstanceStore
{
    private static readonly WorkflowSubStatus[] RecoverableSubStatuses = [WorkflowSubStatus.Pending, WorkflowSubStatus.Executing];

    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;

    public EfWorkflowInstanceStore(IDbContextFactory<ModelEngineDbContext> contextFactory)
    {
        _contextFactory = contextFactory;
    }

    public async Task<WorkflowInstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await context.WorkflowInstances.AsNoTracking()
            .Where(e => e.Id == instanceId)
            .Join(context.WorkflowInstanceStates, e => e.Id, s => s.Id, (e, s) => new { Summary = e, s.StateJson })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : new WorkflowInstanceSnapshot(WorkflowInstanceMapper.ToSummary(row.Summary), row.StateJson);
    }

    public async Task<WorkflowInstanceSummary?> FindSummaryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.WorkflowInstances.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == instanceId, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : WorkflowInstanceMapper.ToSummary(entity);
    }

    public async Task<Page<WorkflowInstanceSummary>> ListAsync(InstanceListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var rows = context.WorkflowInstances.AsNoTracking();
        if (query.DefinitionId is { } definitionId)
        {
            rows = rows.Where(e => e.DefinitionId == definitionId);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(e => e.Status == status);
        }

        if (query.SubStatus is { } subStatus)
        {
            rows = rows.Where(e => e.SubStatus == subStatus);
        }

        if (query.CorrelationId is { } correlationId)
        {
            rows = rows.Where(e => e.CorrelationId == correlationId);
        }

        if (query.Initiator is { } initiator)
        {
            rows = rows.Where(e => e.Initiator == initiator);
        }

        // Admins and designers read every instance. Other users read those they started or have a task in.
        if (query.VisibleTo is { } user)
        {
            rows = rows.ReadableBy(context, user);
        }

        var (skip, take) = query.Page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        if (query.After is { } after)
        {
            // Keyset paging: only the rows after the cursor in the list order. The id comparison uses the column's
            // collation, as the ORDER BY below does, so instances that share a CreatedAt are paged consistently.
            var createdAt = after.CreatedAt;
            var afterId = after.Id;
            rows = rows.Where(e => e.CreatedAt < createdAt || (e.CreatedAt == createdAt && string.Compare(e.Id, afterId) < 0));
            skip = 0;
        }

        var entities = await rows
            .OrderByDescending(e => e.CreatedAt)
            .ThenByDescending(e => e.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<WorkflowInstanceSummary>(entities.ConvertAll(WorkflowInstanceMapper.ToSummary), totalCount);
    }

    public async Task<IReadOnlyList<string>> ListRecoverableAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var subStatuses = RecoverableSubStatuses;
        return await context.WorkflowInstances.AsNoTracking()
            .Where(e => subStatuses.Contains(e.SubStatus))
            .OrderBy(e => e.CreatedAt)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListFinishedBeforeAsync(DateTimeOffset finishedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.WorkflowInstances.AsNoTracking()
            .Where(e => e.Status == WorkflowStatus.Finished && e.FinishedAt != null && e.FinishedAt < finishedBefore)
            .OrderBy(e => e.FinishedAt)
            .Select(e => e.Id)
            .Take(maxCount)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<Page<JournalEntry>> GetJournalAsync(string instanceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.JournalEntries.AsNoTracking().Where(e => e.WorkflowInstanceId == instanceId);

        var (skip, take) = page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var entities = await rows
            .OrderBy(e => e.Sequence)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<JournalEntry>(entities.ConvertAll(JournalEntryMapper.ToRecord), totalCount);
    }

    public async Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookmarkId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.Bookmarks.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == bookmarkId, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : BookmarkMapper.ToRecord(entity);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> ListBookmarksAsync(string name, string? instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var rows = context.Bookmarks.AsNoTracking().Where(e => e.Name == name);
        if (instanceId is not null)
        {
            rows = rows.Where(e => e.WorkflowInstanceId == instanceId);
        }

        var entities = await rows
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(BookmarkMapper.ToRecord);
    }
}
