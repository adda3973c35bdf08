using ModelEngine.Studio.Api.Tasks;
using ModelEngine.Studio.Features.Inbox.Live;

namespace ModelEngine.Studio.Features.Inbox;

/// <summary>Registers the services of the inbox screens.</summary>
public static class InboxFeature
{
    public static IServiceCollection AddInboxFeature(this IServiceCollection services)
    {
        services.AddScoped<TasksApi>();
        services.AddScoped<ITaskLiveUpdates, TaskLiveUpdates>();
        return services;
    }
}
