using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>A service provider set up with <c>AddFitPlugins</c> over a temporary plugin directory.</summary>
internal sealed class PluginHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public PluginHost(string pluginDirectory, string workDirectory, TimeSpan? debounce = null, bool enabled = true, bool useFileSystemEvents = true, TimeSpan? rescan = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Fit:Plugins:Enabled"] = enabled ? "true" : "false",
                ["Fit:Plugins:Directory"] = pluginDirectory,
                ["Fit:Plugins:WorkDirectory"] = workDirectory,
                ["Fit:Plugins:DebounceInterval"] = (debounce ?? TimeSpan.FromMilliseconds(200)).ToString("c"),
                ["Fit:Plugins:RescanInterval"] = (rescan ?? TimeSpan.FromSeconds(5)).ToString("c"),
                ["Fit:Plugins:UseFileSystemEvents"] = useFileSystemEvents ? "true" : "false",
            })
            .Build();
        Logs = new CapturingLoggerProvider();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddFitPlugins(configuration)
            .BuildServiceProvider();
    }

    public CapturingLoggerProvider Logs { get; }

    public IFitRegistry Registry => _services.GetRequiredService<IFitRegistry>();

    public PluginManager Manager => _services.GetRequiredService<PluginManager>();

    public PluginDirectoryWatcher Watcher => _services.GetServices<IHostedService>().OfType<PluginDirectoryWatcher>().Single();

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Watcher.StartAsync(timeout.Token).WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Watcher.StopAsync(timeout.Token).WaitAsync(timeout.Token);
        await _services.DisposeAsync();
    }
}
