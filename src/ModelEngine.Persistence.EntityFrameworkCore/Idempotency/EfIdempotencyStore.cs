using Microsoft.EntityFrameworkCore;
using ModelEngine.Workflows.Idempotency;

namespace ModelEngine.Persistence.EntityFrameworkCore.Idempotency;

/// <summary>Reads and writes rows of the IdempotencyKeys table. The committer inserts the rows of workflow commits.</summary>
internal sealed class EfIdempotencyStore : IIdempotencyStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfIdempotencyStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task<IdempotencyRecord?> FindAsync(string scope, string caller, string key, CancellationToken cancellationToken = default)
    {
        var id = IdempotencyKeys.ComputeId(scope, caller, key);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : IdempotencyKeyMapper.ToRecord(entity);
    }

    public async Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.IdempotencyKeys.Add(IdempotencyKeyMapper.ToEntity(record));
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    public async Task CompleteAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.Id;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.IdempotencyKeys
            .Where(e => e.Id == id)
            .ExecuteUpdateAsync(setters => setters
                .SetProperty(e => e.StatusCode, record.StatusCode)
                .SetProperty(e => e.ContentType, record.ContentType)
                .SetProperty(e => e.HeadersJson, record.HeadersJson)
                .SetProperty(e => e.Body, record.Body)
                .SetProperty(e => e.WorkflowInstanceId, record.WorkflowInstanceId),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task DeleteAsync(string scope, string caller, string key, CancellationToken cancellationToken = default)
    {
        var id = IdempotencyKeys.ComputeId(scope, caller, key);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.IdempotencyKeys.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = await context.IdempotencyKeys.AsNoTracking()
            .Where(e => e.ExpiresAt <= now)
            .OrderBy(e => e.ExpiresAt)
            .Take(maxCount)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return 0;
        }

        // A key used again after this read has a later ExpiresAt, so the condition keeps it.
        return await context.IdempotencyKeys
            .Where(e => ids.Contains(e.Id) && e.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
