using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Auditing;

/// <summary>
/// Records who did what through <see cref="IAuditLog"/>, right after the change has been committed. The change and
/// its record are two transactions. When the record cannot be written, its content is logged and the request still
/// succeeds, because its change is already committed. A process that stops between the two loses the record.
/// </summary>
internal sealed partial class AuditTrail
{
    private readonly object _clockGate = new();
    private readonly IAuditLog _auditLog;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuditTrail> _logger;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;

    public AuditTrail(IAuditLog auditLog, TimeProvider timeProvider, ILogger<AuditTrail> logger)
    {
        _auditLog = auditLog;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Writes one record stamped with the current time. It is not cancelled with the request, because the change it
    /// describes has happened whether or not the client still waits.
    /// </summary>
    public async Task RecordAsync(
        UserIdentity actor,
        string action,
        string entityType,
        string entityId,
        string? definitionId = null,
        int? version = null,
        string? detail = null)
    {
        var record = AuditRecordFactory.Create(NextTimestamp(), actor.Name, action, entityType, entityId, definitionId, version, detail);
        try
        {
            await _auditLog.AppendAsync(record, CancellationToken.None);
            Log.Recorded(_logger, record.Action, record.EntityType, record.EntityId, record.Actor);
        }
        catch (Exception exception)
        {
            Log.RecordFailed(_logger, exception, record.Action, record.EntityType, record.EntityId, record.Actor, record.Timestamp, record.Version, record.Detail);
        }
    }

    /// <summary>
    /// Returns the current time in whole microseconds, which every provider stores exactly, and later than any time
    /// returned before, so that the records of one node list in the order they were made.
    /// </summary>
    private DateTimeOffset NextTimestamp()
    {
        var now = _timeProvider.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        lock (_clockGate)
        {
            if (now <= _lastTimestamp)
            {
                now = _lastTimestamp.AddTicks(TimeSpan.TicksPerMicrosecond);
            }

            _lastTimestamp = now;
            return now;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1910, Level = LogLevel.Debug, Message = "Audit: {Action} {EntityType} {EntityId} by {Actor}.")]
        public static partial void Recorded(ILogger logger, string action, string entityType, string entityId, string actor);

        [LoggerMessage(EventId = 1911, Level = LogLevel.Error,
            Message = "The audit record of {Action} {EntityType} {EntityId} by {Actor} at {Timestamp} (version {Version}, detail {Detail}) could not be written; the change itself was committed.")]
        public static partial void RecordFailed(
            ILogger logger, Exception exception, string action, string entityType, string entityId, string actor, DateTimeOffset timestamp, int? version, string? detail);
    }
}
