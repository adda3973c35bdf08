using Microsoft.Extensions.Logging;
using ModelEngine.Server.Auditing;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>The trail that records actions after their commit: its clock and its handling of a failed write.</summary>
public sealed class AuditTrailTests
{
    private static readonly UserIdentity Admin = new("admin", new HashSet<string> { UserIdentity.AdminsGroup });

    [Fact]
    public async Task Record_FailedWrite_IsLoggedNotThrown()
    {
        var logger = new CapturingLogger();
        var trail = new AuditTrail(new FailingAuditLog(), TimeProvider.System, logger);

        await trail.RecordAsync(Admin, AuditActions.Deleted, AuditEntityTypes.WorkflowInstance, "i-7", "order", 3, "force=true").WaitAsync(Timeouts.Request);

        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(1911, entry.EventId.Id);
        Assert.Contains("Deleted WorkflowInstance i-7 by admin", entry.Message, StringComparison.Ordinal);
        Assert.Contains("force=true", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Record_SameInstant_GetsIncreasingTimestamps()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var log = new InMemoryAuditLog();
        var trail = new AuditTrail(log, clock, new CapturingLogger());

        for (var i = 0; i < 3; i++)
        {
            await trail.RecordAsync(Admin, AuditActions.Saved, AuditEntityTypes.WorkflowDefinition, $"d-{i}").WaitAsync(Timeouts.Request);
        }

        var page = await log.ListAsync(new AuditQuery(new PageRequest())).WaitAsync(Timeouts.Request);
        Assert.Equal(["d-2", "d-1", "d-0"], page.Items.Select(r => r.EntityId));
        Assert.Equal(clock.GetUtcNow().AddTicks(2 * TimeSpan.TicksPerMicrosecond), page.Items[0].Timestamp);
    }

    private sealed class FailingAuditLog : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromException(new InvalidOperationException("The audit table is not reachable."));

        public Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(Page<AuditRecord>.Empty);
    }

    private sealed class CapturingLogger : ILogger<AuditTrail>
    {
        public List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception), exception));
    }
}
