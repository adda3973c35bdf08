using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.MassTransit.Heartbeats;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Transport;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>One FIT process in a test: a service provider with the FIT bus, its hosted services started.</summary>
internal sealed class FitNode : IAsyncDisposable
{
    public const string GenericableId = "test.echo";
    public const string FitableId = "echo";

    private static readonly TimeSpan s_startStop = TimeSpan.FromSeconds(30);
    private readonly IHostedService[] _hosted;
    private readonly string _name;
    private bool _stopped;

    private FitNode(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
        _hosted = services.GetServices<IHostedService>().ToArray();
        _name = Identity.WorkerId;
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public IFitRegistry Registry => Services.GetRequiredService<IFitRegistry>();

    public MassTransitFitTransport Transport => Services.GetRequiredService<MassTransitFitTransport>();

    public FitBusIdentity Identity => Services.GetRequiredService<FitBusIdentity>();

    /// <summary>Starts a node. A worker registers the echo fitable locally, so its heartbeats announce it.</summary>
    public static async Task<FitNode> StartAsync(
        string rabbitMq,
        FitBusRole role,
        string? workerId = null,
        IFitRequestExecutor? executor = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection, IConfiguration>? configure = null,
        bool waitForBroker = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["Fit:NodeId"] = "test-node",
            ["Fit:WorkerId"] = workerId ?? "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Fit:Bus:Role"] = role.ToString(),
            ["Fit:Bus:RabbitMq"] = rabbitMq,
            ["Fit:Bus:HeartbeatPeriod"] = "00:00:00.500",
            ["Fit:Bus:AliveTime"] = "00:00:03",
            ["Fit:Bus:SweepInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (configure is null)
        {
            services.AddSingleton(executor ?? FakeExecutor.Echo());
        }
        else
        {
            configure(services, configuration);
        }

        services.AddFitMassTransit(configuration);
        var node = new FitNode(services.BuildServiceProvider(), logs);
        if (role.HasFlag(FitBusRole.Worker))
        {
            var genericable = new GenericableDescriptor { Id = GenericableId, Parameters = [] };
            node.Registry.AddLocal(new LocalFitable(
                genericable,
                new FitableDescriptor { GenericableId = GenericableId, Id = FitableId },
                (_, _) => ValueTask.FromResult<object?>(null),
                "code"));
        }

        using var cts = new CancellationTokenSource(s_startStop);
        foreach (var hosted in node._hosted)
        {
            await hosted.StartAsync(cts.Token);
        }

        // MassTransit starts endpoints in the background. A caller binds its heartbeat queue before the test goes on,
        // so that no worker heartbeat sent after this point is lost.
        if (waitForBroker && role.HasFlag(FitBusRole.Caller))
        {
            await node.Services.GetRequiredService<FitHeartbeatListener>().WaitListeningAsync(cts.Token);
        }

        return node;
    }

    public static FitRequest Request(string text, TimeSpan? timeout = null) => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        GenericableId = GenericableId,
        FitableId = FitableId,
        Arguments = [new FitValue(FitValueKind.Utf8, System.Text.Encoding.UTF8.GetBytes(text))],
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    /// <summary>Waits until <paramref name="condition"/> holds, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var cts = new CancellationTokenSource(s_startStop);
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
            await Services.DisposeAsync();
        }
        finally
        {
            WriteLogs();
        }
    }

    private void WriteLogs()
    {
        if (Environment.GetEnvironmentVariable("FIT_TEST_LOG_DIR") is { Length: > 0 } directory)
        {
            File.WriteAllLines(
                Path.Combine(directory, _name + ".log"),
                Logs.Entries.Select(e => $"{e.Level} {e.Category} {e.EventId.Id} {e.Message}"));
        }
    }
}
