using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Management;

namespace ModelEngine.Server.Endpoints;

/// <summary><c>/api/descriptors</c>: what the designer needs to know about the activity types.</summary>
internal static class DescriptorEndpoints
{
    public static RouteGroupBuilder MapDescriptorEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/descriptors/activities", async (IActivityRegistry registry, DefinitionActivityCatalog definitions, CancellationToken cancellationToken) =>
            {
                // Registered activity types first, then the published definitions that are usable as activities.
                var descriptors = registry.ListDescriptors().Concat(await definitions.ListDescriptorsAsync(cancellationToken)).ToList();
                return new ListResponse<ActivityDescriptor>(descriptors, descriptors.Count);
            })
            .WithTags("Descriptors")
            .WithSummary("Lists every activity type, and every published definition usable as an activity, with its inputs, outputs and ports.");
        return api;
    }
}
