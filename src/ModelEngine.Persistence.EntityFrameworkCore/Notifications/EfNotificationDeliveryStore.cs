using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Notifications;

namespace ModelEngine.Persistence.EntityFrameworkCore.Notifications;

/// <summary>Keeps webhook and e-mail deliveries in the NotificationDeliveries table.</summary>
internal sealed partial class EfNotificationDeliveryStore : INotificationDeliveryStore
{
    private const int MaxErrorLength = 2000;

    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly ILogger<EfNotificationDeliveryStore> _logger;

    public EfNotificationDeliveryStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, ILogger<EfNotificationDeliveryStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _logger = logger;
    }

    /// <summary>
    /// Inserts the new deliveries one by one. A delivery that another node inserted at the same moment fails on the
    /// primary key, which is the same outcome as finding it stored.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return;
        }

        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        var ids = deliveries.Select(delivery => delivery.Id).ToList();
        List<string> stored;
        await using (var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await context.NotificationDeliveries.AsNoTracking()
                .Where(d => ids.Contains(d.Id))
                .Select(d => d.Id)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        foreach (var delivery in deliveries.Where(delivery => !stored.Contains(delivery.Id)).DistinctBy(delivery => delivery.Id))
        {
            await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            context.NotificationDeliveries.Add(ToEntity(delivery));
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
            {
                Log.AlreadyStored(_logger, delivery.Id);
            }
        }
    }

    /// <summary>Claims each due row with one conditional update, so that of several nodes only one sends it.</summary>
    public async Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        List<NotificationDeliveryEntity> due;
        await using (var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = await context.NotificationDeliveries.AsNoTracking()
                .Where(d => d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
                .OrderBy(d => d.NextAttemptAt)
                .ThenBy(d => d.Id)
                .Take(maxCount)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        var claimedUntil = now + lease;
        var claimed = new List<NotificationDelivery>(due.Count);
        foreach (var entity in due)
        {
            using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var id = entity.Id;
            var count = await context.NotificationDeliveries
                .Where(d => d.Id == id && d.DeliveredAt == null && d.FailedAt == null && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
                .ExecuteUpdateAsync(setters => setters.SetProperty(d => d.ClaimedUntil, claimedUntil), cancellationToken)
                .ConfigureAwait(false);
            if (count == 1)
            {
                claimed.Add(ToDelivery(entity));
            }
        }

        return claimed;
    }

    public async Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.NotificationDeliveries
            .Where(d => d.Id == id)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.DeliveredAt, deliveredAt)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task MarkAttemptFailedAsync(
        string id, int attempts, string error, DateTimeOffset? nextAttemptAt, DateTimeOffset failedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(error);
        var trimmed = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        DateTimeOffset? givenUpAt = nextAttemptAt is null ? failedAt : null;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.NotificationDeliveries
            .Where(d => d.Id == id)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastError, trimmed)
                    .SetProperty(d => d.NextAttemptAt, d => nextAttemptAt ?? d.NextAttemptAt)
                    .SetProperty(d => d.FailedAt, givenUpAt)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<NotificationDelivery>> ListByEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.NotificationDeliveries.AsNoTracking()
            .Where(d => d.EventId == eventId)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.ConvertAll(ToDelivery);
    }

    private static NotificationDeliveryEntity ToEntity(NotificationDelivery delivery) => new()
    {
        Id = delivery.Id,
        EventId = delivery.EventId,
        Channel = delivery.Channel.ToString(),
        Target = delivery.Target,
        PayloadJson = delivery.PayloadJson,
        CreatedAt = delivery.CreatedAt,
        Attempts = delivery.Attempts,
        NextAttemptAt = delivery.NextAttemptAt,
        DeliveredAt = delivery.DeliveredAt,
        FailedAt = delivery.FailedAt,
        LastError = delivery.LastError,
    };

    private static NotificationDelivery ToDelivery(NotificationDeliveryEntity entity) => new()
    {
        Id = entity.Id,
        EventId = entity.EventId,
        Channel = Enum.Parse<NotificationChannel>(entity.Channel),
        Target = entity.Target,
        PayloadJson = entity.PayloadJson,
        CreatedAt = entity.CreatedAt,
        Attempts = entity.Attempts,
        NextAttemptAt = entity.NextAttemptAt,
        DeliveredAt = entity.DeliveredAt,
        FailedAt = entity.FailedAt,
        LastError = entity.LastError,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.NotificationDeliveryExists, Level = LogLevel.Debug,
            Message = "Notification delivery {DeliveryId} is stored already; the repeated insert was skipped")]
        public static partial void AlreadyStored(ILogger logger, string deliveryId);
    }
}
