using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.MassTransit.Transport;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>A FIT worker and a FIT caller in this process, on the broker in MODELENGINE_TEST_RABBITMQ.</summary>
internal sealed class BusRig : IAsyncDisposable
{
    private readonly List<(ServiceProvider Services, IHostedService[] Hosted)> _nodes = [];

    private BusRig()
    {
    }

    public MassTransitFitTransport Transport { get; private set; } = null!;

    public FitWorkerInfo Worker { get; private set; } = null!;

    public static string RabbitMq => Environment.GetEnvironmentVariable("MODELENGINE_TEST_RABBITMQ") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("Set MODELENGINE_TEST_RABBITMQ (source .ci/rabbitmq.sh) to run the bus benchmarks.");

    public static async Task<BusRig> StartAsync()
    {
        var rig = new BusRig();
        var workerId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var worker = await rig.StartNodeAsync("Worker", workerId);
        var genericable = new GenericableDescriptor { Id = "bench.sink", Parameters = [] };
        worker.GetRequiredService<IFitRegistry>().AddLocal(new LocalFitable(
            genericable, new FitableDescriptor { GenericableId = "bench.sink", Id = "sink" }, (_, _) => ValueTask.FromResult<object?>(null), "code"));
        var caller = await rig.StartNodeAsync("Caller", "bench-caller-" + Guid.NewGuid().ToString("N")[..8]);
        var registry = caller.GetRequiredService<IFitRegistry>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (registry.Workers.All(w => w.WorkerId != workerId))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The benchmark worker did not join within 30 s.");
            }

            await Task.Delay(50);
        }

        rig.Worker = registry.Workers.Single(w => w.WorkerId == workerId);
        rig.Transport = caller.GetRequiredService<MassTransitFitTransport>();
        return rig;
    }

    public static FitRequest Request(ReadOnlyMemory<byte> payload) => new()
    {
        RequestId = string.Empty,
        GenericableId = "bench.sink",
        FitableId = "sink",
        Arguments = payload.IsEmpty ? [] : [new FitValue(FitValueKind.Bytes, payload)],
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var (services, hosted) in Enumerable.Reverse(_nodes))
        {
            foreach (var service in hosted.Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }

            await services.DisposeAsync();
        }
    }

    private async Task<ServiceProvider> StartNodeAsync(string role, string workerId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fit:NodeId"] = "bench",
            ["Fit:WorkerId"] = workerId,
            ["Fit:Bus:Role"] = role,
            ["Fit:Bus:RabbitMq"] = RabbitMq,
            ["Fit:Bus:HeartbeatPeriod"] = "00:00:00.500",
            ["Fit:Bus:ConcurrentMessageLimit"] = Environment.GetEnvironmentVariable("BENCH_CML") ?? "8",
            ["Fit:Bus:PublisherConfirmation"] = Environment.GetEnvironmentVariable("BENCH_CONFIRM") is { Length: > 0 } ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (Environment.GetEnvironmentVariable("BENCH_LOG") is { Length: > 0 })
            {
                logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
            }
        });
        services.AddSingleton<IFitRequestExecutor, SinkExecutor>();
        services.AddFitMassTransit(configuration);
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        _nodes.Add((provider, hosted));
        return provider;
    }

    /// <summary>Takes the arguments and responds with no result, so a payload travels one way only.</summary>
    private sealed class SinkExecutor : IFitRequestExecutor
    {
        public Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new FitResponse { RequestId = request.RequestId, Status = FitResponseStatus.Ok });
    }
}
