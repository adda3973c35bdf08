using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Tests.SharedMemory;

/// <summary>Calls that end any way, cancelled ones included, leave no segment, mapping or payload behind.</summary>
public sealed class SharedMemoryLeakTests : IDisposable
{
    private readonly TestStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ManyCalls_RandomCancellation_LeaveNothing()
    {
        var calls = Environment.GetEnvironmentVariable("MODELENGINE_STRESS") == "full" ? 100_000 : 2_000;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(TestStoreDirectory.Options("node-a", _directory.Path, threshold: 1024));
        using var store = new SharedMemoryStore(options, time);
        var codec = new FitValueCodec(store, options);
        var data = new byte[4096];
        var random = new Random(17);

        for (var i = 0; i < calls; i++)
        {
            var senderScope = new List<IDisposable>();
            var receiverScope = new List<IDisposable>();
            using var cancellation = new CancellationTokenSource();
            try
            {
                var value = codec.Encode(data, typeof(byte[]), senderScope);
                if (random.Next(4) == 0)
                {
                    await cancellation.CancelAsync();
                }

                var memory = (ReadOnlyMemory<byte>)(await codec.DecodeAsync(value, typeof(ReadOnlyMemory<byte>), receiverScope, cancellation.Token))!;
                Assert.Equal(data.Length, memory.Length);
            }
            catch (OperationCanceledException)
            {
                // The receiver gave up before opening the handle; its lease runs out.
            }
            finally
            {
                receiverScope.ForEach(item => item.Dispose());
                senderScope.ForEach(item => item.Dispose());
            }
        }

        Assert.Equal(0, store.OpenPayloadCount);
        Assert.Equal(0, store.MappedSegmentCount);
        time.Advance(TimeSpan.FromMinutes(6));
        store.Collect();
        Assert.Equal(0, store.LiveSegmentCount);
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Collector_RunsAtStartAndInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = _directory.CreateStore(time: time);
        using var collector = new SharedMemoryCollector(store, time) { Interval = TimeSpan.FromSeconds(30) };
        var first = store.Write(new byte[10]);
        store.AddLease(first, TimeSpan.FromSeconds(1));
        first.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));

        await collector.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _directory.FileCount);

        var second = store.Write(new byte[10]);
        store.AddLease(second, TimeSpan.FromSeconds(1));
        second.Dispose();
        time.Advance(TimeSpan.FromSeconds(31));
        await WaitUntilAsync(() => _directory.FileCount == 0);
        await collector.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Collector_StoppedAfterDispose_DoesNotThrow()
    {
        using var store = _directory.CreateStore();
        var collector = new SharedMemoryCollector(store);
        await collector.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // A web host's run loop and its owner both stop it, and the one that finishes first disposes the services.
        collector.Dispose();
        await collector.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        collector.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
