using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins.Tests;

public sealed class PluginServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFitPlugins_Configuration_BindsEveryKey()
    {
        using var services = Build(new()
        {
            ["Fit:Plugins:Enabled"] = "false",
            ["Fit:Plugins:Directory"] = "/srv/plugins",
            ["Fit:Plugins:WorkDirectory"] = "/var/tmp/plugin-work",
            ["Fit:Plugins:UseFileSystemEvents"] = "false",
            ["Fit:Plugins:DebounceInterval"] = "00:00:02",
            ["Fit:Plugins:RescanInterval"] = "00:01:00",
        });

        var options = services.GetRequiredService<IOptions<PluginOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("/srv/plugins", options.Directory);
        Assert.Equal("/var/tmp/plugin-work", options.WorkDirectory);
        Assert.False(options.UseFileSystemEvents);
        Assert.Equal(TimeSpan.FromSeconds(2), options.DebounceInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RescanInterval);
    }

    [Fact]
    public void AddFitPlugins_NoConfiguration_UsesDefaults()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<PluginOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal("plugins", options.Directory);
        Assert.Null(options.WorkDirectory);
        Assert.True(options.UseFileSystemEvents);
        Assert.IsType<FitRegistry>(services.GetRequiredService<IFitRegistry>());
        Assert.Single(services.GetServices<IHostedService>().OfType<PluginDirectoryWatcher>());
    }

    [Theory]
    [InlineData("Enabled", "maybe", "Fit:Plugins:Enabled has the invalid value 'maybe'")]
    [InlineData("DebounceInterval", "soon", "Fit:Plugins:DebounceInterval has the invalid value 'soon'")]
    [InlineData("RescanInterval", "00:00:00", "Fit:Plugins:RescanInterval must be positive")]
    public void AddFitPlugins_InvalidValue_NamesKey(string key, string value, string expected)
    {
        using var services = Build(new() { [$"Fit:Plugins:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PluginOptions>>().Value);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AddFitPlugins_CalledTwice_RegistersOneWatcher()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddFitPlugins(configuration)
            .AddFitPlugins(configuration)
            .BuildServiceProvider();

        Assert.Single(services.GetServices<IHostedService>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> values) =>
        new ServiceCollection()
            .AddLogging()
            .AddFitPlugins(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
}
