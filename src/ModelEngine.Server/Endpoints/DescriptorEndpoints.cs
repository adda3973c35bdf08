using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Workflows.Descriptors;

namespace ModelEngine.Server.Endpoints;

/// <summary><c>/api/descriptors</c>: what the designer needs to know about the activity types.</summary>
internal static class DescriptorEndpoints
{
    public static RouteGroupBuilder MapDescriptorEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/descriptors/activities", (IActivityRegistry registry) =>
            {
                var descriptors = registry.ListDescriptors();
                return new ListResponse<ActivityDescriptor>(descriptors, descriptors.Count);
            })
            .WithTags("Descriptors")
            .WithSummary("Lists every activity type with its category, inputs, outputs and ports.");
        return api;
    }
}
