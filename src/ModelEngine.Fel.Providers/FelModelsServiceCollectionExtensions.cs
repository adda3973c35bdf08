using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel.Providers.Configuration;

namespace ModelEngine.Fel.Providers;

/// <summary>Registers the FEL model catalog.</summary>
public static class FelModelsServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Fel:Models</c> of <paramref name="configuration"/> now and registers <see cref="FelModelCatalog"/> as
    /// the singleton <see cref="IFelModelCatalog"/>. An invalid section throws here, so the host does not start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The root configuration.</param>
    /// <exception cref="InvalidOperationException">The configuration is invalid. The message lists every problem.</exception>
    public static IServiceCollection AddFelModels(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = FelModelsConfigurationReader.Read(configuration, Environment.GetEnvironmentVariable);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new FelModelCatalog(settings, provider.GetService<ILoggerFactory>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IFelModelCatalog>(provider => provider.GetRequiredService<FelModelCatalog>());
        return services;
    }
}
