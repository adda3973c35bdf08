using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins;

/// <summary>Registers operator plugins with a host.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="PluginManager"/> and the <see cref="PluginDirectoryWatcher"/> hosted service, with
    /// <see cref="PluginOptions"/> read from the <c>Fit:Plugins</c> section of <paramref name="configuration"/>
    /// (<c>Enabled</c>, <c>Directory</c>, <c>ContractsDirectory</c>, <c>WorkDirectory</c>, <c>UseFileSystemEvents</c>, <c>DebounceInterval</c>,
    /// <c>RescanInterval</c>, with the intervals as <c>hh:mm:ss</c>). Registers <see cref="FitRegistry"/> as the <see cref="IFitRegistry"/> and
    /// <see cref="TimeProvider.System"/> unless the host registered others first. The host must add logging.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration root (or any section that contains <c>Fit:Plugins</c>).</param>
    /// <param name="configure">Changes applied after the configuration, for example a directory chosen in code.</param>
    public static IServiceCollection AddFitPlugins(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<PluginOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IFitRegistry, FitRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PluginOptions>()
            .Configure(options =>
            {
                ReadConfiguration(configuration.GetSection(PluginOptions.SectionName), options);
                configure?.Invoke(options);
            })
            .Validate(o => o.DebounceInterval >= TimeSpan.Zero, "Fit:Plugins:DebounceInterval must not be negative.")
            .Validate(o => o.RescanInterval > TimeSpan.Zero, "Fit:Plugins:RescanInterval must be positive, for example 00:00:30.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Fit:Plugins:Directory must name a directory, for example 'plugins'.")
            .ValidateOnStart();
        services.TryAddSingleton<PluginManager>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginDirectoryWatcher>());
        return services;
    }

    private static void ReadConfiguration(IConfigurationSection section, PluginOptions options)
    {
        if (section[nameof(PluginOptions.Enabled)] is { } enabled)
        {
            options.Enabled = bool.TryParse(enabled, out var value)
                ? value
                : throw Invalid(nameof(PluginOptions.Enabled), enabled, "true or false");
        }

        if (section[nameof(PluginOptions.UseFileSystemEvents)] is { } useEvents)
        {
            options.UseFileSystemEvents = bool.TryParse(useEvents, out var value)
                ? value
                : throw Invalid(nameof(PluginOptions.UseFileSystemEvents), useEvents, "true or false");
        }

        if (section[nameof(PluginOptions.Directory)] is { Length: > 0 } directory)
        {
            options.Directory = directory;
        }

        if (section[nameof(PluginOptions.ContractsDirectory)] is { Length: > 0 } contractsDirectory)
        {
            options.ContractsDirectory = contractsDirectory;
        }

        if (section[nameof(PluginOptions.WorkDirectory)] is { Length: > 0 } workDirectory)
        {
            options.WorkDirectory = workDirectory;
        }

        options.DebounceInterval = ReadInterval(section, nameof(PluginOptions.DebounceInterval)) ?? options.DebounceInterval;
        options.RescanInterval = ReadInterval(section, nameof(PluginOptions.RescanInterval)) ?? options.RescanInterval;
    }

    private static TimeSpan? ReadInterval(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(key, text, "a time span such as 00:00:01");
    }

    private static OptionsValidationException Invalid(string key, string value, string expected) =>
        new(PluginOptions.SectionName, typeof(PluginOptions), [$"{PluginOptions.SectionName}:{key} has the invalid value '{value}'. Set it to {expected}."]);
}
