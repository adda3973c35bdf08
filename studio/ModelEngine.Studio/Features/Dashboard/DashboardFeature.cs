using ModelEngine.Studio.Api.Dashboard;

namespace ModelEngine.Studio.Features.Dashboard;

/// <summary>Registers the services of the dashboard screens.</summary>
public static class DashboardFeature
{
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services)
    {
        return services.AddScoped<DashboardApi>();
    }
}
