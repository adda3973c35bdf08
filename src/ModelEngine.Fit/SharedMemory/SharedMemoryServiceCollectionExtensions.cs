using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>Registers the shared-memory store, its collector, the value codec and the TCP transfer service.</summary>
public static class SharedMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SharedMemoryStore"/> (also as <see cref="ISharedMemoryStore"/>), <see cref="FitValueCodec"/> (as
    /// <see cref="IFitValueCodec"/>), <see cref="SharedMemoryCollector"/>, and the TCP transfer server and client. The
    /// server is added before the collector, so that it is listening, and handles carry its endpoint, before the host
    /// starts anything that writes payloads. Configure <see cref="TcpTransferOptions"/> with the options API.
    /// </summary>
    public static IServiceCollection AddFitSharedMemory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TcpTransferOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MemoryRegionRegistry>();
        services.TryAddSingleton<IMemoryRegionRegistry>(provider => provider.GetRequiredService<MemoryRegionRegistry>());
        services.TryAddSingleton<TcpMemoryTransport>();
        services.TryAddSingleton<IMemoryTransport>(provider => provider.GetRequiredService<TcpMemoryTransport>());
        services.TryAddSingleton<TcpTransferServer>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<TcpTransferServer>());
        services.TryAddSingleton<SharedMemoryStore>();
        services.TryAddSingleton<ISharedMemoryStore>(provider => provider.GetRequiredService<SharedMemoryStore>());
        services.TryAddSingleton<SharedMemoryCollector>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<SharedMemoryCollector>());
        services.TryAddSingleton<IFitValueCodec, FitValueCodec>();
        return services;
    }
}
