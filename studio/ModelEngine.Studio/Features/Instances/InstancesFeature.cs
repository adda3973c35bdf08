using ModelEngine.Studio.Api.Instances;

namespace ModelEngine.Studio.Features.Instances;

/// <summary>Registers the services of the instances screens.</summary>
public static class InstancesFeature
{
    public static IServiceCollection AddInstancesFeature(this IServiceCollection services)
    {
        return services.AddScoped<InstancesApi>();
    }
}
