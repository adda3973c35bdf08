using Microsoft.Extensions.Options;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Tests.SharedMemory;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>
/// A cancelled request returns before a fitable that ignores its token has ended. The fitable reads its argument in
/// place afterwards, so the argument's mapping must stay until the fitable ends.
/// </summary>
public sealed class AbandonedCallTests : IDisposable
{
    private readonly TestStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Executor_CancelledCall_KeepsArgumentMapped()
    {
        var options = Options.Create(TestStoreDirectory.Options("node-a", _directory.Path, threshold: 1024));
        using var callerStore = new SharedMemoryStore(options);
        using var workerStore = new SharedMemoryStore(options);
        var reader = new GatedReader();
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(GatedReader), () => reader, "code"))
        {
            registry.AddLocal(fitable);
        }

        var executor = new FitRequestExecutor(registry, new FitValueCodec(workerStore, options));
        var document = new byte[256 * 1024];
        Array.Fill(document, (byte)3);
        var scope = new List<IDisposable>();
        var argument = new FitValueCodec(callerStore, options).Encode(document, typeof(byte[]), scope);
        var request = new FitRequest { RequestId = "r1", GenericableId = "tests.gated.sum", FitableId = "gated", Arguments = [argument] };

        using var cancellation = new CancellationTokenSource();
        var execution = executor.ExecuteAsync(request, cancellation.Token);
        await reader.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var response = await execution.WaitAsync(TimeSpan.FromSeconds(10));
        scope.ForEach(item => item.Dispose());

        Assert.Equal(FitResponseStatus.Cancelled, response.Status);
        Assert.Equal(1, workerStore.OpenPayloadCount);

        reader.Gate.SetResult();
        var sum = await reader.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3L * document.Length, sum);
        // A release counts the payload closed before it unmaps the segment, so the test waits for both.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (workerStore.OpenPayloadCount != 0 || workerStore.MappedSegmentCount != 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.Equal(0, workerStore.MappedSegmentCount);
    }

    [Fact]
    public async Task LocalCall_CancelledThenDisposed_KeepsPayloadMapped()
    {
        var options = Options.Create(TestStoreDirectory.Options("node-a", _directory.Path));
        using var store = new SharedMemoryStore(options);
        var reader = new GatedPayloadReader();
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(GatedPayloadReader), () => reader, "code"))
        {
            registry.AddLocal(fitable);
        }

        var client = new FitClient(registry);
        var data = new byte[128 * 1024];
        Array.Fill(data, (byte)5);
        var payload = store.Write(data);

        using var cancellation = new CancellationTokenSource();
        var call = client.Get<IGatedPayloadReader>().SumAsync(payload, cancellation.Token);
        await reader.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        // The caller lets go as soon as its call returns; the fitable still reads the payload afterwards.
        payload.Dispose();
        Assert.Equal(1, store.OpenPayloadCount);
        reader.Gate.SetResult();
        var sum = await reader.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(5L * data.Length, sum);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (store.OpenPayloadCount != 0 || _directory.FileCount != 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.Equal(0, _directory.FileCount);
    }
}
