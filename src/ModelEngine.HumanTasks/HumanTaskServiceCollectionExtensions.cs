using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Calendars;
using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.HumanTasks.Search;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.HumanTasks;

/// <summary>
/// Registers the UserTask activity, the task service and the business calendars, with in-memory task and notification
/// delivery stores by default.
/// </summary>
public static class HumanTaskServiceCollectionExtensions
{
    public static IServiceCollection AddModelEngineHumanTasks(this IServiceCollection services)
    {
        services.AddActivity<UserTask>();
        services.TryAddSingleton<InMemoryHumanTaskStore>();
        services.TryAddSingleton<IHumanTaskStore>(provider => provider.GetRequiredService<InMemoryHumanTaskStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitChangeHandler, InMemoryHumanTaskStore>(provider => provider.GetRequiredService<InMemoryHumanTaskStore>()));
        services.TryAddSingleton<IHumanTaskService, HumanTaskService>();
        services.AddOptions<HumanTaskCalendarOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HumanTaskCalendarOptions>, HumanTaskCalendarOptionsValidator>());
        services.TryAddSingleton<IBusinessCalendarProvider, BusinessCalendarProvider>();
        services.TryAddSingleton<INotificationDeliveryStore, InMemoryNotificationDeliveryStore>();
        services.TryAddSingleton<ISubstituteStore, InMemorySubstituteStore>();
        services.TryAddSingleton<ISavedTaskFilterStore, InMemorySavedTaskFilterStore>();
        services.TryAddSingleton<InMemoryTaskSearch>();
        services.TryAddSingleton<ITaskSearch>(provider => provider.GetRequiredService<InMemoryTaskSearch>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitChangeHandler, InMemoryTaskSearch>(provider => provider.GetRequiredService<InMemoryTaskSearch>()));
        return services;
    }
}
