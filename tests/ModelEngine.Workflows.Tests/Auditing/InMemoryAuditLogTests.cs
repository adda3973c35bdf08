using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Tests.Support;

namespace ModelEngine.Workflows.Tests.Auditing;

public sealed class InMemoryAuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_FiltersAndOrdersNewestFirst()
    {
        var log = new InMemoryAuditLog();
        await log.AppendAsync(AuditRecordFactory.Create(Start, "dave", AuditActions.Saved, AuditEntityTypes.WorkflowDefinition, "order", "order", 1)).WaitAsync(EngineHarness.Timeout);
        await log.AppendAsync(AuditRecordFactory.Create(Start.AddMinutes(1), "dave", AuditActions.Published, AuditEntityTypes.WorkflowDefinition, "order", "order", 1)).WaitAsync(EngineHarness.Timeout);
        await log.AppendAsync(AuditRecordFactory.Create(Start.AddMinutes(2), "alice", AuditActions.Cancelled, AuditEntityTypes.WorkflowInstance, "i-1", "order", 1)).WaitAsync(EngineHarness.Timeout);

        var all = await log.ListAsync(new AuditQuery(new PageRequest())).WaitAsync(EngineHarness.Timeout);
        var byDave = await log.ListAsync(new AuditQuery(new PageRequest(), Actor: "dave")).WaitAsync(EngineHarness.Timeout);
        var instances = await log.ListAsync(new AuditQuery(new PageRequest(), EntityType: AuditEntityTypes.WorkflowInstance, EntityId: "i-1")).WaitAsync(EngineHarness.Timeout);
        var window = await log.ListAsync(new AuditQuery(new PageRequest(), From: Start.AddMinutes(1), To: Start.AddMinutes(2))).WaitAsync(EngineHarness.Timeout);
        var published = await log.ListAsync(new AuditQuery(new PageRequest(), Action: AuditActions.Published)).WaitAsync(EngineHarness.Timeout);

        Assert.Equal([AuditActions.Cancelled, AuditActions.Published, AuditActions.Saved], all.Items.Select(r => r.Action));
        Assert.Equal(2, byDave.TotalCount);
        Assert.Equal("alice", Assert.Single(instances.Items).Actor);
        Assert.Equal(AuditActions.Published, Assert.Single(window.Items).Action);
        Assert.Equal(1, published.TotalCount);
    }

    [Fact]
    public async Task List_PagesWithTotalCount()
    {
        var log = new InMemoryAuditLog();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(AuditRecordFactory.Create(Start.AddSeconds(i), "admin", AuditActions.Deleted, AuditEntityTypes.WorkflowInstance, $"i-{i}")).WaitAsync(EngineHarness.Timeout);
        }

        var second = await log.ListAsync(new AuditQuery(new PageRequest(2, 2))).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(5, second.TotalCount);
        Assert.Equal(["i-2", "i-1"], second.Items.Select(r => r.EntityId));
    }

    [Fact]
    public async Task Append_SameIdTwice_Throws()
    {
        var log = new InMemoryAuditLog();
        var record = AuditRecordFactory.Create(Start, "admin", AuditActions.Revoked, AuditEntityTypes.ApiKey, "k-1");
        await log.AppendAsync(record).WaitAsync(EngineHarness.Timeout);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => log.AppendAsync(record)).WaitAsync(EngineHarness.Timeout);
    }

    [Fact]
    public void Create_StampsUtcAndTimeOrderedId()
    {
        var first = AuditRecordFactory.Create(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(2)), "dave", AuditActions.Saved, AuditEntityTypes.WorkflowDefinition, "d");
        var later = AuditRecordFactory.Create(Start.AddHours(1), "dave", AuditActions.Saved, AuditEntityTypes.WorkflowDefinition, "d");

        Assert.Equal(TimeSpan.Zero, first.Timestamp.Offset);
        Assert.Equal(Start.AddHours(-1), first.Timestamp);
        Assert.True(string.CompareOrdinal(first.Id, later.Id) < 0, $"Id {first.Id} of the earlier record should sort before {later.Id}.");
        Assert.Throws<ArgumentException>(() => AuditRecordFactory.Create(Start, "", AuditActions.Saved, AuditEntityTypes.WorkflowDefinition, "d"));
    }
}
