using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Timers;

/// <summary>Reads and claims rows of the Timers table.</summary>
internal sealed partial class EfDurableTimerStore : IDurableTimerStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly ILogger<EfDurableTimerStore> _logger;

    public EfDurableTimerStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, ILogger<EfDurableTimerStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _logger = logger;
    }

    /// <summary>
    /// Lists timers due at or before <paramref name="dueBefore"/>, earliest first. A claim that ends at or before
    /// <paramref name="dueBefore"/> counts as expired.
    /// </summary>
    public async Task<IReadOnlyList<DurableTimer>> ListDueAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Timers.AsNoTracking()
            .Where(t => t.DueAt <= dueBefore && (t.ClaimedUntil == null || t.ClaimedUntil <= dueBefore))
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.Id)
            .Take(maxCount)
            .Select(t => new DurableTimer(t.Id, t.WorkflowInstanceId, t.BookmarkId, t.DueAt))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the claim to <paramref name="now"/> plus <paramref name="lease"/> in one conditional update, so that of two
    /// concurrent callers only one succeeds.
    /// </summary>
    public async Task<bool> TryClaimAsync(string timerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        var claimedUntil = now + lease;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await context.Timers
            .Where(t => t.Id == timerId && (t.ClaimedUntil == null || t.ClaimedUntil <= now))
            .ExecuteUpdateAsync(setters => setters.SetProperty(t => t.ClaimedUntil, claimedUntil), cancellationToken)
            .ConfigureAwait(false);

        if (claimed == 0)
        {
            Log.TimerClaimRejected(_logger, timerId);
            return false;
        }

        Log.TimerClaimed(_logger, timerId, claimedUntil);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.TimerClaimed, Level = LogLevel.Debug,
            Message = "Claimed timer {TimerId} until {ClaimedUntil}")]
        public static partial void TimerClaimed(ILogger logger, string timerId, DateTimeOffset claimedUntil);

        [LoggerMessage(EventId = PersistenceEventIds.TimerClaimRejected, Level = LogLevel.Debug,
            Message = "Timer {TimerId} was not claimed: its bookmark was consumed or another claim is live")]
        public static partial void TimerClaimRejected(ILogger logger, string timerId);
    }
}
