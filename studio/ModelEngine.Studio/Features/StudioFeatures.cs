using ModelEngine.Studio.Features.Dashboard;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Inbox;
using ModelEngine.Studio.Features.Instances;
using ModelEngine.Studio.Features.Processes;

namespace ModelEngine.Studio.Features;

/// <summary>Registers every screen's services. Each feature keeps its registrations in its own folder.</summary>
public static class StudioFeatures
{
    public static IServiceCollection AddStudioFeatures(this IServiceCollection services) => services
        .AddScoped<Api.Descriptors.DescriptorsApi>()
        .AddScoped<Api.Definitions.DefinitionsApi>()
        .AddScoped<Api.Definitions.DefinitionNames>()
        .AddDashboardFeature()
        .AddDesignerFeature()
        .AddInboxFeature()
        .AddInstancesFeature()
        .AddProcessesFeature();
}
