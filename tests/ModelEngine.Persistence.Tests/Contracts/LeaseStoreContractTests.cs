using ModelEngine.Workflows.Persistence;
using Xunit.Abstractions;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>
/// The contract of <see cref="IWorkflowLeaseStore"/>: one owner at a time, expiry, renewal, release, and exactly one
/// winner when owners race for the same lease.
/// </summary>
public abstract class LeaseStoreContractTests : WorkflowStoreContractTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    protected LeaseStoreContractTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>The lease store under test, on the subclass's database.</summary>
    protected abstract IWorkflowLeaseStore LeaseStore { get; }

    [ContractFact]
    public async Task Acquire_FreeLease_Succeeds()
    {
        var now = TestData.BaseTime;

        var acquired = await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        Assert.True(acquired, "A free lease was not acquired.");
        var lease = await LeaseStore.FindAsync("i1").WithTimeout();
        Assert.NotNull(lease);
        Assert.Equal("node-a", lease.OwnerId);
        Assert.Equal(now + Duration, lease.ExpiresAt);
        Assert.Equal(["i1"], await LeaseStore.ListLeasedAsync(now).WithTimeout());
    }

    [ContractFact]
    public async Task Acquire_HeldByOther_Fails()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        var acquired = await LeaseStore.TryAcquireAsync("i1", "node-b", now.AddSeconds(29), now.AddSeconds(59)).WithTimeout();

        Assert.False(acquired, "node-b took a lease that node-a still held.");
        var lease = await LeaseStore.FindAsync("i1").WithTimeout();
        Assert.Equal("node-a", lease?.OwnerId);
        Assert.Equal(now + Duration, lease?.ExpiresAt);
    }

    [ContractFact]
    public async Task Acquire_SameOwner_ExtendsLease()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        var acquired = await LeaseStore.TryAcquireAsync("i1", "node-a", now.AddSeconds(10), now.AddSeconds(40)).WithTimeout();

        Assert.True(acquired, "The owner could not take its own lease again.");
        Assert.Equal(now.AddSeconds(40), (await LeaseStore.FindAsync("i1").WithTimeout())?.ExpiresAt);
    }

    [ContractFact]
    public async Task Acquire_AfterExpiry_StealsLease()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        // The lease counts as expired from its expiry time on.
        var stolen = await LeaseStore.TryAcquireAsync("i1", "node-b", now + Duration, now + Duration * 2).WithTimeout();

        Assert.True(stolen, "node-b could not take the lease after it expired.");
        Assert.Equal("node-b", (await LeaseStore.FindAsync("i1").WithTimeout())?.OwnerId);
        Assert.False(await LeaseStore.TryRenewAsync("i1", "node-a", now + Duration * 3).WithTimeout(), "The former owner renewed a stolen lease.");
        await LeaseStore.ReleaseAsync("i1", "node-a").WithTimeout();
        Assert.Equal("node-b", (await LeaseStore.FindAsync("i1").WithTimeout())?.OwnerId);
    }

    [ContractFact]
    public async Task Acquire_NonUtcNow_ComparesInstants()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        // 14:00:20+02:00 is 12:00:20 UTC, before the expiry at 12:00:30 UTC, although its clock reads later.
        var early = new DateTimeOffset(2026, 3, 1, 14, 0, 20, TimeSpan.FromHours(2));
        Assert.False(await LeaseStore.TryAcquireAsync("i1", "node-b", early, early + Duration).WithTimeout(), "A live lease was taken at a non-UTC time.");
        var late = new DateTimeOffset(2026, 3, 1, 7, 0, 31, TimeSpan.FromHours(-5));
        Assert.True(await LeaseStore.TryAcquireAsync("i1", "node-b", late, late + Duration).WithTimeout(), "An expired lease was not taken at a non-UTC time.");
        Assert.Equal(late + Duration, (await LeaseStore.FindAsync("i1").WithTimeout())?.ExpiresAt);
    }

    [ContractFact]
    public async Task Renew_Owner_MovesExpiry()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        var renewed = await LeaseStore.TryRenewAsync("i1", "node-a", now.AddSeconds(50)).WithTimeout();

        Assert.True(renewed, "The owner could not renew its lease.");
        Assert.Equal(now.AddSeconds(50), (await LeaseStore.FindAsync("i1").WithTimeout())?.ExpiresAt);
        Assert.False(await LeaseStore.TryAcquireAsync("i1", "node-b", now.AddSeconds(40), now.AddSeconds(70)).WithTimeout(), "A renewed lease was taken before its new expiry.");
    }

    [ContractFact]
    public async Task Renew_OtherOwnerOrMissing_Fails()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        Assert.False(await LeaseStore.TryRenewAsync("i1", "node-b", now.AddSeconds(50)).WithTimeout(), "node-b renewed node-a's lease.");
        Assert.False(await LeaseStore.TryRenewAsync("missing", "node-a", now.AddSeconds(50)).WithTimeout(), "A lease that does not exist was renewed.");
        Assert.Equal(now + Duration, (await LeaseStore.FindAsync("i1").WithTimeout())?.ExpiresAt);
        Assert.Null(await LeaseStore.FindAsync("missing").WithTimeout());
    }

    [ContractFact]
    public async Task Release_Owner_FreesLease()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("i1", "node-a", now, now + Duration).WithTimeout();

        await LeaseStore.ReleaseAsync("i1", "node-b").WithTimeout();
        Assert.Equal("node-a", (await LeaseStore.FindAsync("i1").WithTimeout())?.OwnerId);
        await LeaseStore.ReleaseAsync("i1", "node-a").WithTimeout();

        Assert.Null(await LeaseStore.FindAsync("i1").WithTimeout());
        Assert.Empty(await LeaseStore.ListLeasedAsync(now).WithTimeout());
        Assert.True(await LeaseStore.TryAcquireAsync("i1", "node-b", now, now + Duration).WithTimeout(), "A released lease was not free.");
    }

    [ContractFact]
    public async Task ListLeased_ExpiredLease_Excluded()
    {
        var now = TestData.BaseTime;
        await LeaseStore.TryAcquireAsync("live", "node-a", now, now + Duration).WithTimeout();
        await LeaseStore.TryAcquireAsync("expired", "node-b", now.AddMinutes(-2), now.AddMinutes(-1)).WithTimeout();
        await LeaseStore.TryAcquireAsync("ends-now", "node-b", now.AddMinutes(-1), now).WithTimeout();

        var leased = await LeaseStore.ListLeasedAsync(now).WithTimeout();

        Assert.Equal(["live"], leased);
    }

    [ContractFact]
    public async Task Acquire_ConcurrentOwners_OneWins()
    {
        const int Owners = 8;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"Seed {seed}, {StressCounts.RaceRepeats} runs of {Owners} owners.");
        var now = TestData.BaseTime;

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            // Every other run races over an expired lease of a former owner instead of a missing row.
            var instanceId = $"race-{run}";
            if (run % 2 == 1)
            {
                await LeaseStore.TryAcquireAsync(instanceId, "former", now.AddMinutes(-2), now.AddMinutes(-1)).WithTimeout();
            }

            var delays = Enumerable.Range(0, Owners).Select(_ => random.Next(0, 3)).ToArray();
            var attempts = Enumerable.Range(0, Owners).Select(owner => Task.Run(async () =>
            {
                await Task.Delay(delays[owner]);
                return await LeaseStore.TryAcquireAsync(instanceId, $"node-{owner}", now, now + Duration);
            }));
            var results = await Task.WhenAll(attempts).WithTimeout();

            var winners = Enumerable.Range(0, Owners).Where(owner => results[owner]).ToList();
            Assert.True(winners.Count == 1, $"Run {run} (seed {seed}): {winners.Count} owners won the lease of {instanceId}: {string.Join(", ", winners)}.");
            Assert.Equal($"node-{winners[0]}", (await LeaseStore.FindAsync(instanceId).WithTimeout())?.OwnerId);
        }
    }
}
