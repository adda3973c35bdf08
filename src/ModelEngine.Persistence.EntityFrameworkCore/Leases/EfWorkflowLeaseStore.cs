using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Leases;

/// <summary>
/// Keeps instance leases in the WorkflowInstanceLeases table, so that nodes sharing a database keep each other out of
/// an instance. Taking a lease is one upsert whose update is conditional on the owner or the expiry, so of two nodes
/// that race exactly one row change happens and one node wins.
/// </summary>
internal sealed partial class EfWorkflowLeaseStore : IWorkflowLeaseStore
{
    // PostgreSQL and SQLite (3.24 and later) share the upsert syntax. The conflict update runs only where the WHERE
    // clause holds, so the statement changes no row when another owner's lease is live.
    private const string UpsertSql = """
        INSERT INTO "WorkflowInstanceLeases" ("InstanceId", "OwnerId", "ExpiresAt") VALUES ({0}, {1}, {2})
        ON CONFLICT ("InstanceId") DO UPDATE SET "OwnerId" = excluded."OwnerId", "ExpiresAt" = excluded."ExpiresAt"
        WHERE "WorkflowInstanceLeases"."OwnerId" = excluded."OwnerId" OR "WorkflowInstanceLeases"."ExpiresAt" <= {3}
        """;

    // HOLDLOCK makes MERGE take a key-range lock, so two nodes inserting the same new lease cannot both insert.
    private const string MergeSql = """
        MERGE "WorkflowInstanceLeases" WITH (HOLDLOCK) AS target
        USING (SELECT {0} AS "InstanceId") AS source ON target."InstanceId" = source."InstanceId"
        WHEN MATCHED AND (target."OwnerId" = {1} OR target."ExpiresAt" <= {3}) THEN
            UPDATE SET "OwnerId" = {1}, "ExpiresAt" = {2}
        WHEN NOT MATCHED THEN
            INSERT ("InstanceId", "OwnerId", "ExpiresAt") VALUES ({0}, {1}, {2});
        """;

    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly PersistenceProvider _provider;
    private readonly ILogger<EfWorkflowLeaseStore> _logger;

    public EfWorkflowLeaseStore(
        IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, PersistenceProvider provider, ILogger<EfWorkflowLeaseStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _provider = provider;
        _logger = logger;
    }

    public async Task<bool> TryAcquireAsync(string instanceId, string ownerId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(ownerId);

        // Raw SQL bypasses the model's value converters, so the times are passed as the column stores them.
        var sql = _provider == PersistenceProvider.SqlServer ? MergeSql : UpsertSql;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await context.Database
            .ExecuteSqlRawAsync(sql, [instanceId, ownerId, ToColumn(expiresAt), ToColumn(now)], cancellationToken)
            .ConfigureAwait(false);

        if (changed == 0)
        {
            Log.LeaseRejected(_logger, instanceId, ownerId);
            return false;
        }

        Log.LeaseAcquired(_logger, instanceId, ownerId, expiresAt);
        return true;
    }

    public async Task<bool> TryRenewAsync(string instanceId, string ownerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var renewed = await context.WorkflowLeases
            .Where(lease => lease.InstanceId == instanceId && lease.OwnerId == ownerId)
            .ExecuteUpdateAsync(setters => setters.SetProperty(lease => lease.ExpiresAt, expiresAt), cancellationToken)
            .ConfigureAwait(false);
        return renewed == 1;
    }

    public async Task ReleaseAsync(string instanceId, string ownerId, CancellationToken cancellationToken = default)
    {
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.WorkflowLeases
            .Where(lease => lease.InstanceId == instanceId && lease.OwnerId == ownerId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<WorkflowLease?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.WorkflowLeases.AsNoTracking()
            .Where(lease => lease.InstanceId == instanceId)
            .Select(lease => new WorkflowLease(lease.InstanceId, lease.OwnerId, lease.ExpiresAt))
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListLeasedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.WorkflowLeases.AsNoTracking()
            .Where(lease => lease.ExpiresAt > now)
            .Select(lease => lease.InstanceId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Converts a time to the value its column stores: UTC ticks on SQLite, a UTC instant elsewhere.</summary>
    private object ToColumn(DateTimeOffset value) =>
        _provider == PersistenceProvider.Sqlite ? value.UtcTicks : value.ToUniversalTime();

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.LeaseAcquired, Level = LogLevel.Trace,
            Message = "Node {OwnerId} holds the lease of instance {WorkflowInstanceId} until {ExpiresAt}")]
        public static partial void LeaseAcquired(ILogger logger, string workflowInstanceId, string ownerId, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = PersistenceEventIds.LeaseRejected, Level = LogLevel.Trace,
            Message = "Node {OwnerId} did not get the lease of instance {WorkflowInstanceId}: another node holds a live lease")]
        public static partial void LeaseRejected(ILogger logger, string workflowInstanceId, string ownerId);
    }
}
