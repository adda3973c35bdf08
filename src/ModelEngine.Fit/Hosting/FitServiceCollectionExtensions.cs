using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Hosting;

/// <summary>Registers FIT dispatch in a service collection.</summary>
public static class FitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the registry, the client (<see cref="IFitClient"/>) and the worker-side executor
    /// (<see cref="IFitRequestExecutor"/>), with settings read from the <c>Fit</c> section of
    /// <paramref name="configuration"/>. When other packages register a remote transport and a value codec, calls go
    /// to workers through them. Without them, every call must find its fitable in this process.
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Fit</c> section is invalid. The message names each bad key.</exception>
    public static FitBuilder AddFit(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FitOptions();
        if (configuration is not null)
        {
            FitConfigurationReader.Apply(configuration, options);
            services.Configure<FitNodeOptions>(configuration.GetSection(FitNodeOptions.SectionName));
        }

        var registrations = new List<Action<IServiceProvider, IFitRegistry>>();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFitRegistry>(provider =>
        {
            var registry = new FitRegistry();
            foreach (var registration in registrations)
            {
                registration(provider, registry);
            }

            return registry;
        });
        services.TryAddSingleton<FitClient>(provider => new FitClient(
            provider.GetRequiredService<IFitRegistry>(),
            provider.GetRequiredService<FitOptions>(),
            provider.GetService<IFitValueCodec>(),
            provider.GetService<IFitRemoteTransport>(),
            provider.GetService<ILogger<FitClient>>(),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IFitClient>(provider => provider.GetRequiredService<FitClient>());
        services.TryAddSingleton<IFitRequestExecutor>(provider => new FitRequestExecutor(
            provider.GetRequiredService<IFitRegistry>(),
            provider.GetService<IFitValueCodec>() ?? throw new InvalidOperationException(
                "The FIT request executor cannot start because no IFitValueCodec is registered. Register one (for example with the shared-memory extension) before a worker takes requests."),
            provider.GetService<ILogger<FitRequestExecutor>>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<Microsoft.Extensions.Options.IOptions<FitNodeOptions>>()?.Value.WorkerId));
        return new FitBuilder(services, configuration, options, registrations);
    }
}
