using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.Plugins;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Transfer;
using ModelEngine.Fit.Workflows;
using ModelEngine.Messaging;

namespace ModelEngine.Server.Hosting;

/// <summary>Composes FIT into the server: dispatch, operator plugins, shared memory, the FIT bus and the InvokeOperator activity.</summary>
internal static class ServerFitExtensions
{
    /// <summary>
    /// Adds FIT dispatch with its routing settings from <c>Fit</c>, the operator plugins of <c>Fit:Plugins:Directory</c>,
    /// the shared-memory store with its transfer service (<c>Fit:Transfer</c>), and the InvokeOperator activity. The FIT
    /// bus, which reaches operators in worker processes, joins when <see cref="IsBusEnabled"/> returns true.
    /// </summary>
    public static IServiceCollection AddServerFit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddFit(configuration).AddPlugins();
        services.Configure<TcpTransferOptions>(configuration.GetSection(TcpTransferOptions.SectionName));
        services.AddFitSharedMemory();
        if (IsBusEnabled(configuration))
        {
            services.AddFitMassTransit(configuration);
        }

        services.AddModelEngineFitWorkflows();
        return services;
    }

    /// <summary>
    /// Returns whether the server joins the FIT bus: <c>Fit:Bus:Enabled</c> when it is set, otherwise whenever RabbitMQ is
    /// configured, either as <c>Fit:Bus:RabbitMq</c> or as the messaging transport.
    /// </summary>
    public static bool IsBusEnabled(IConfiguration configuration)
    {
        if (configuration["Fit:Bus:Enabled"] is { Length: > 0 } enabled)
        {
            return bool.TryParse(enabled, out var value)
                ? value
                : throw new InvalidOperationException($"Fit:Bus:Enabled is '{enabled}'; set it to true or false.");
        }

        return !string.IsNullOrWhiteSpace(configuration["Fit:Bus:RabbitMq"])
            || string.Equals(
                configuration[$"{MessagingOptions.SectionName}:{nameof(MessagingOptions.Transport)}"],
                nameof(MessagingTransport.RabbitMq),
                StringComparison.OrdinalIgnoreCase);
    }
}
