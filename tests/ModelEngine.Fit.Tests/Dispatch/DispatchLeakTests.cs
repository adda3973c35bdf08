using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Tests.SharedMemory;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>
/// Remote calls through the real client, envelope, codec and executor, cancelled at random points, leave no segment,
/// mapping or open payload in either the caller's or the worker's store.
/// </summary>
public sealed class DispatchLeakTests : IDisposable
{
    private readonly TestStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RemoteCalls_RandomCancellation_LeaveNothing()
    {
        var calls = Environment.GetEnvironmentVariable("MODELENGINE_STRESS") == "full" ? 1_000_000 : 5_000;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var nodeOptions = Options.Create(TestStoreDirectory.Options("node-a", _directory.Path, threshold: 1024));
        using var callerStore = new SharedMemoryStore(nodeOptions, time);
        using var workerStore = new SharedMemoryStore(nodeOptions, time);

        var echo = new EchoOperator();
        var workerRegistry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(EchoOperator), () => echo, "code"))
        {
            workerRegistry.AddLocal(fitable);
        }

        var executor = new FitRequestExecutor(workerRegistry, new FitValueCodec(workerStore, nodeOptions), workerId: "worker-1");
        var transport = new LoopbackTransport(executor);
        var callerRegistry = new FitRegistry();
        callerRegistry.AddGenericable(FitableBinder.DescribeContract(typeof(IEchoOperator))[0]);
        callerRegistry.UpsertWorker(new FitWorkerInfo
        {
            WorkerId = "worker-1",
            NodeId = "node-a",
            Queue = "fit.worker.worker-1",
            Fitables = [new FitableDescriptor { GenericableId = "tests.leak.echo", Id = "echo" }],
            ExpiresAt = DateTimeOffset.MaxValue,
        });
        var client = new FitClient(callerRegistry, new FitOptions { NodeId = "node-a" }, new FitValueCodec(callerStore, nodeOptions), transport);
        var proxy = client.Get<IEchoOperator>();

        var document = new byte[4096];
        Array.Fill(document, (byte)'a');
        var random = new Random(23);
        var completed = 0;
        var cancelled = 0;
        for (var i = 0; i < calls; i++)
        {
            using var cancellation = new CancellationTokenSource();
            var stage = random.Next(4);
            echo.WhileRunning = stage == 1 ? cancellation.Cancel : null;
            transport.BeforeReply = stage == 2 ? cancellation.Cancel : null;
            if (stage == 3)
            {
                await cancellation.CancelAsync();
            }

            try
            {
                var result = await proxy.EchoAsync(document, cancellation.Token).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(document.Length, result.Length);
                completed++;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }

        // A cancelled call can return before its fitable has ended, and the fitable's arguments stay mapped until then.
        // A release counts the payload closed before it unmaps the segment, so the wait covers both counts.
        await WaitUntilAsync(() => callerStore.OpenPayloadCount == 0 && workerStore.OpenPayloadCount == 0
            && callerStore.MappedSegmentCount == 0 && workerStore.MappedSegmentCount == 0);

        Assert.True(completed > 0, "no call completed");
        Assert.True(cancelled > 0, "no call was cancelled");
        Assert.Equal(0, callerStore.OpenPayloadCount);
        Assert.Equal(0, workerStore.OpenPayloadCount);
        Assert.Equal(0, callerStore.MappedSegmentCount);
        Assert.Equal(0, workerStore.MappedSegmentCount);

        // Handles that a cancelled side never adopted stay until their leases end.
        time.Advance(TimeSpan.FromMinutes(6));
        callerStore.Collect();
        workerStore.Collect();
        Assert.Equal(0, callerStore.LiveSegmentCount);
        Assert.Equal(0, workerStore.LiveSegmentCount);
        Assert.Equal(0, _directory.FileCount);
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
