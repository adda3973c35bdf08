using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Waterflow.Workflows.Activities;
using ModelEngine.Waterflow.Workflows.Registration;
using ModelEngine.Workflows;

namespace ModelEngine.Waterflow.Workflows;

/// <summary>Registers the RunWaterflow activity and named flows.</summary>
public static class WaterflowWorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the RunWaterflow activity, the flow registry and the sample <c>split-document</c> flow.</summary>
    public static IServiceCollection AddModelEngineWaterflow(this IServiceCollection services)
    {
        services.AddActivity<RunWaterflow>();
        services.TryAddSingleton<WaterflowRegistry>();
        services.AddWaterflow(DocumentSplittingFlow.Definition);
        return services;
    }

    /// <summary>Registers a flow that RunWaterflow activities can run by name.</summary>
    public static IServiceCollection AddWaterflow(this IServiceCollection services, WaterflowDefinition flow)
    {
        services.AddSingleton(flow);
        return services;
    }

    /// <summary>Registers a flow without a review block.</summary>
    public static IServiceCollection AddWaterflow(
        this IServiceCollection services, string name, Func<FlowBuilder<JsonNode?, JsonNode?>, FlowBuilder<JsonNode?, JsonNode?>> build) =>
        services.AddWaterflow(new WaterflowDefinition(name, build));
}
