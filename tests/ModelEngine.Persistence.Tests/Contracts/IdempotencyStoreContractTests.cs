using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>
/// The contract of <see cref="IIdempotencyStore"/> and of idempotency records as commit changes: one record per key,
/// written with the commit or not at all.
/// </summary>
public abstract class IdempotencyStoreContractTests : WorkflowStoreContractTests
{
    private IIdempotencyStore Store => Services.GetRequiredService<IIdempotencyStore>();

    [ContractFact]
    public async Task Commit_WithRecord_WritesBoth()
    {
        await CommitAsync(TestData.NewInstance("i1", Record("k1")));

        var stored = await Store.FindAsync("scope", "alice", "k1").WithTimeout();

        Assert.NotNull(stored);
        Assert.Equal("hash", stored.RequestHash);
        Assert.Equal(201, stored.StatusCode);
        Assert.Equal("""{"a":1}""", stored.Body);
        Assert.Equal(TestData.BaseTime.AddHours(24), stored.ExpiresAt);
    }

    [ContractFact]
    public async Task Commit_WithStoredKey_ThrowsAndWritesNothing()
    {
        await CommitAsync(TestData.NewInstance("i1", Record("k1")));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(TestData.NewInstance("i2", Record("k1"))));

        Assert.Null(await InstanceStore.FindSummaryAsync("i2").WithTimeout());
    }

    [ContractFact]
    public async Task TryInsert_Twice_SecondReturnsFalse()
    {
        var pending = Record("k2") with { StatusCode = null, Body = null };

        Assert.True(await Store.TryInsertAsync(pending).WithTimeout());
        Assert.False(await Store.TryInsertAsync(pending).WithTimeout());
        await Store.CompleteAsync(pending with { StatusCode = 200, Body = "done", WorkflowInstanceId = "i9" }).WithTimeout();

        var completed = await Store.FindAsync("scope", "alice", "k2").WithTimeout();
        Assert.Equal(200, completed?.StatusCode);
        Assert.Equal("done", completed?.Body);
        Assert.Equal("i9", completed?.WorkflowInstanceId);
    }

    [ContractFact]
    public async Task DeleteExpired_RemovesOnlyExpired()
    {
        await Store.TryInsertAsync(Record("old") with { ExpiresAt = TestData.BaseTime.AddMinutes(-1) }).WithTimeout();
        await Store.TryInsertAsync(Record("new")).WithTimeout();

        var deleted = await Store.DeleteExpiredAsync(TestData.BaseTime, 100).WithTimeout();

        Assert.Equal(1, deleted);
        Assert.Null(await Store.FindAsync("scope", "alice", "old").WithTimeout());
        Assert.NotNull(await Store.FindAsync("scope", "alice", "new").WithTimeout());
    }

    private static IdempotencyRecord Record(string key) => new()
    {
        Scope = "scope",
        Caller = "alice",
        Key = key,
        RequestHash = "hash",
        CreatedAt = TestData.BaseTime,
        ExpiresAt = TestData.BaseTime.AddHours(24),
        StatusCode = 201,
        ContentType = "application/json",
        Body = """{"a":1}""",
    };
}
