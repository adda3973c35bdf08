using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Registry;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Tools;

/// <summary>Registers the FEL tool sources.</summary>
public static class FelToolsServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IFelToolSource"/> for each configured kind of tool: FIT operators when
    /// <c>Fel:Tools:Operators</c> lists any, workflows when <c>Fel:Tools:Workflows</c> lists any, and one MCP source per
    /// subsection of <c>Fel:Mcp:Servers</c>. Nothing is registered for a kind that is not configured.
    /// </summary>
    /// <remarks>
    /// The FIT source needs <see cref="IFitRegistry"/> and <see cref="IFitClient"/> (from <c>AddFit</c>), and the workflow
    /// source needs the engine (from <c>AddModelEngineWorkflows</c>). MCP clients are disposed with the container.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The configuration is invalid. The message names each bad key.</exception>
    public static IServiceCollection AddFelTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = FelToolsConfiguration.Read(configuration);
        if (settings.Operators.Count > 0)
        {
            services.AddSingleton<IFelToolSource>(provider => new FitOperatorToolSource(
                provider.GetRequiredService<IFitRegistry>(),
                provider.GetRequiredService<IFitClient>(),
                settings.Operators,
                provider.GetService<ILogger<FitOperatorToolSource>>()));
        }

        if (settings.Workflows.DefinitionIds.Count > 0)
        {
            services.AddSingleton<IFelToolSource>(provider => new WorkflowToolSource(
                provider.GetRequiredService<IWorkflowDefinitionStore>(),
                provider.GetRequiredService<IWorkflowRuntime>(),
                new WorkflowToolSettings
                {
                    DefinitionIds = settings.Workflows.DefinitionIds,
                    Timeout = settings.Workflows.Timeout,
                    TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
                },
                provider.GetService<ILogger<WorkflowToolSource>>()));
        }

        foreach (var server in settings.McpServers)
        {
            services.AddSingleton<IFelToolSource>(provider => new McpToolSource(server, provider.GetService<ILoggerFactory>()));
        }

        return services;
    }
}
