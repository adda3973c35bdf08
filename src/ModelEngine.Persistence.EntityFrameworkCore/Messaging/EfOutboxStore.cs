using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Persistence.EntityFrameworkCore.Messaging;

/// <summary>Reads, claims and deletes rows of the OutboxMessages table.</summary>
internal sealed partial class EfOutboxStore : IOutboxStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly ILogger<EfOutboxStore> _logger;

    public EfOutboxStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, ILogger<EfOutboxStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _logger = logger;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListUnclaimedMessagesAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimedUntil == null || m.ClaimedUntil <= now)
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .Take(maxCount)
            .Select(m => new OutboxMessage(m.Id, m.WorkflowInstanceId, m.MessageType, m.CorrelationId, m.PayloadJson, m.CreatedAt))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the claim in one conditional update, so that of two relays on any nodes only one succeeds.
    /// </summary>
    public async Task<bool> TryClaimMessageAsync(string messageId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        var claimedUntil = now + lease;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await context.OutboxMessages
            .Where(m => m.Id == messageId && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .ExecuteUpdateAsync(setters => setters.SetProperty(m => m.ClaimedUntil, claimedUntil), cancellationToken)
            .ConfigureAwait(false);

        if (claimed == 0)
        {
            Log.ClaimRejected(_logger, messageId);
            return false;
        }

        Log.Claimed(_logger, messageId, claimedUntil);
        return true;
    }

    public async Task DeleteMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.OutboxMessages.Where(m => m.Id == messageId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.OutboxMessageClaimed, Level = LogLevel.Debug,
            Message = "Claimed outbox message {MessageId} until {ClaimedUntil}")]
        public static partial void Claimed(ILogger logger, string messageId, DateTimeOffset claimedUntil);

        [LoggerMessage(EventId = PersistenceEventIds.OutboxMessageClaimRejected, Level = LogLevel.Debug,
            Message = "Outbox message {MessageId} was not claimed: it was published already or another claim is live")]
        public static partial void ClaimRejected(ILogger logger, string messageId);
    }
}
