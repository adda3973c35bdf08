using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Tests.SharedMemory;

namespace ModelEngine.Fit.Tests.Transfer;

/// <summary>
/// A second process on the same node, sharing this process's store directory, opens a payload and is killed. Its
/// reference is never released, and the collector removes the segment once no live process has it open.
/// </summary>
public sealed class CrashedHolderTests : IAsyncLifetime
{
    private readonly TestStoreDirectory _directory = new();

    private TestNodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await TestNodeProcess.StartAsync("node-a", _directory.Path);

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task KilledWriter_AdoptedPayload_IsCollected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = _directory.CreateStore("node-a", time);
        var reply = (await _node.SendAsync("WRITE 100000 3")).Split(' ');
        var handle = FitEnvelope.ReadRequest(Convert.FromBase64String(reply[1])).Arguments[0].Handle!;

        // This process adopts the lease and lets go, so only the writer's own reference is left.
        using (var payload = await store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(100000, payload.Length);
        }

        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);

        await _node.KillAsync();

        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task KilledWriter_PendingLease_IsCollectedAfterLease()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = _directory.CreateStore("node-a", time);
        Assert.StartsWith("HANDLE", await _node.SendAsync("WRITE 100000 4"), StringComparison.Ordinal);

        await _node.KillAsync();

        // The receiver may still open the handle while its lease runs.
        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }
}
