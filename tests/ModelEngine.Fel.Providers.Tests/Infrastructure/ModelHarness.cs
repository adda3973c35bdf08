using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ModelEngine.Fel.Providers.Tests.Infrastructure;

/// <summary>
/// A loopback server plus a <see cref="FelModelCatalog"/> configured against it, with a capturing logger and a fake
/// clock for the retry waits.
/// </summary>
public sealed class ModelHarness : IAsyncDisposable
{
    /// <summary>The key configured for every model of the harness; no log entry or message may contain it.</summary>
    public const string ApiKey = "sk-test-7d1f0c2e9b";

    private readonly ILoggerFactory _loggerFactory;

    private ModelHarness(LoopbackModelServer server, FelModelCatalog catalog, CapturingLoggerProvider logs, FakeTimeProvider time, ILoggerFactory loggerFactory)
    {
        Server = server;
        Catalog = catalog;
        Logs = logs;
        Time = time;
        _loggerFactory = loggerFactory;
    }

    public LoopbackModelServer Server { get; }

    public FelModelCatalog Catalog { get; }

    public CapturingLoggerProvider Logs { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Starts a server and configures the model <c>test</c> against it. <paramref name="settings"/> adds or overrides
    /// keys under <c>Fel:Models:test</c>; the defaults are an OpenAI chat model with <see cref="ApiKey"/>.
    /// </summary>
    public static async Task<ModelHarness> StartAsync(params (string Key, string? Value)[] settings)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var server = await LoopbackModelServer.StartAsync(time);
        var values = new Dictionary<string, string?>
        {
            ["Fel:Models:test:Provider"] = "OpenAI",
            ["Fel:Models:test:Endpoint"] = new Uri(server.BaseAddress, "v1").ToString(),
            ["Fel:Models:test:Model"] = "test-model",
            ["Fel:Models:test:ApiKey"] = ApiKey,
        };
        foreach (var (key, value) in settings)
        {
            var path = $"Fel:Models:test:{key}";
            if (key == "Endpoint" && value is not null)
            {
                values[path] = new Uri(server.BaseAddress, value).ToString();
            }
            else
            {
                values[path] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
        var logs = new CapturingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var catalog = new FelModelCatalog(configuration, loggerFactory, time);
        return new ModelHarness(server, catalog, logs, time, loggerFactory);
    }

    /// <summary>
    /// Waits for <paramref name="task"/> while moving the fake clock forward in <paramref name="step"/> increments,
    /// so that retry waits elapse. It polls with a bounded real-time wait.
    /// </summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The call did not finish within 30 s of real time while the fake clock advanced.");
            }

            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5)));
            Time.Advance(step);
        }

        return await task;
    }

    /// <summary>Asserts that <paramref name="call"/> throws <see cref="FelModelException"/> whose text, inner exceptions included, lacks <see cref="ApiKey"/>.</summary>
    public static async Task<FelModelException> ThrowsModelErrorAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<FelModelException>(call);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
        return error;
    }

    /// <summary>Asserts that no log entry contains <see cref="ApiKey"/>.</summary>
    public void AssertNoKeyLogged()
    {
        foreach (var entry in Logs.Entries)
        {
            Assert.DoesNotContain(ApiKey, entry.AllText, StringComparison.Ordinal);
        }
    }

    /// <summary>Disposes the catalog and the server, and asserts that nothing logged during the test contains <see cref="ApiKey"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        AssertNoKeyLogged();
        Catalog.Dispose();
        _loggerFactory.Dispose();
        await Server.DisposeAsync();
    }
}
