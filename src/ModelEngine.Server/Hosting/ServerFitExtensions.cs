using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Workflows;

namespace ModelEngine.Server.Hosting;

/// <summary>Composes FIT into the server: the operator registry and the InvokeOperator activity.</summary>
internal static class ServerFitExtensions
{
    /// <summary>
    /// Adds the operator registry that <c>GET /api/fit/fitables</c> reads, and the InvokeOperator activity. Until a client is
    /// registered, an instance that reaches InvokeOperator faults with an incident saying FIT is not set up.
    /// </summary>
    public static IServiceCollection AddServerFit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // TODO: call AddFit(configuration) here (it registers IFitClient, routing and IFitRegistry), then
        // AddFitPlugins(configuration) for the watched plugin directory, and add the FIT bus consumers to the MassTransit
        // configuration that AddModelEngineMessaging builds. AddFit must come first, so that the fallback registry below does
        // not shadow the one FIT routes with.
        services.TryAddSingleton<IFitRegistry, FitRegistry>();
        services.AddModelEngineFitWorkflows();
        return services;
    }
}
