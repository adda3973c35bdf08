using BenchmarkDotNet.Attributes;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>One request/response through the FIT bus (MassTransit) against a raw RabbitMQ.Client RPC, in the same run.</summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class BusLatencyBenchmarks
{
    private BusRig _rig = null!;
    private RawRpc _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rig = BusRig.StartAsync().GetAwaiter().GetResult();
        _raw = RawRpc.StartAsync(BusRig.RabbitMq).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task RawRabbitMqClientRpc() => _raw.CallAsync(ReadOnlyMemory<byte>.Empty);

    [Benchmark]
    public Task FitOverMassTransit() => _rig.Transport.InvokeAsync(_rig.Worker, BusRig.Request(ReadOnlyMemory<byte>.Empty), CancellationToken.None);
}
