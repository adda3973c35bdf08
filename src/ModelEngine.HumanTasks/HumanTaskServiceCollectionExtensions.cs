using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Search;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.HumanTasks;

/// <summary>Registers the UserTask activity and the task service, with an in-memory task store by default.</summary>
public static class HumanTaskServiceCollectionExtensions
{
    public static IServiceCollection AddModelEngineHumanTasks(this IServiceCollection services)
    {
        services.AddActivity<UserTask>();
        services.TryAddSingleton<InMemoryHumanTaskStore>();
        services.TryAddSingleton<IHumanTaskStore>(provider => provider.GetRequiredService<InMemoryHumanTaskStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitChangeHandler, InMemoryHumanTaskStore>(provider => provider.GetRequiredService<InMemoryHumanTaskStore>()));
        services.TryAddSingleton<IHumanTaskService, HumanTaskService>();
        services.TryAddSingleton<ISubstituteStore, InMemorySubstituteStore>();
        services.TryAddSingleton<ISavedTaskFilterStore, InMemorySavedTaskFilterStore>();
        services.TryAddSingleton<InMemoryTaskSearch>();
        services.TryAddSingleton<ITaskSearch>(provider => provider.GetRequiredService<InMemoryTaskSearch>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitChangeHandler, InMemoryTaskSearch>(provider => provider.GetRequiredService<InMemoryTaskSearch>()));
        return services;
    }
}
