using BenchmarkDotNet.Attributes;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>A payload carried in the message body through the FIT bus (MassTransit over RabbitMQ), one way.</summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class BusPayloadBenchmarks
{
    private BusRig _rig = null!;
    private byte[] _payload = null!;

    [Params(1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024, 64 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = BusRig.StartAsync().GetAwaiter().GetResult();
        _payload = new byte[Bytes];
        Random.Shared.NextBytes(_payload);
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task BodyThroughMassTransit() => _rig.Transport.InvokeAsync(_rig.Worker, BusRig.Request(_payload), CancellationToken.None);
}
