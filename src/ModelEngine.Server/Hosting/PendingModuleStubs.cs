// TODO: delete this file when the engine, human-task, scripting and persistence registrations land on main.
#pragma warning disable IDE0060
namespace ModelEngine.Workflows
{
    public static class StubWorkflowsRegistration
    {
        public static IServiceCollection AddModelEngineWorkflows(this IServiceCollection services) => services;
    }
}

namespace ModelEngine.HumanTasks
{
    public static class StubHumanTasksRegistration
    {
        public static IServiceCollection AddModelEngineHumanTasks(this IServiceCollection services) => services;
    }
}

namespace ModelEngine.Workflows.Scripting
{
    public static class StubScriptingRegistration
    {
        public static IServiceCollection AddModelEngineScripting(this IServiceCollection services, IConfiguration configuration) => services;
    }
}

namespace ModelEngine.Persistence.EntityFrameworkCore
{
    public static class StubPersistenceRegistration
    {
        public static IServiceCollection AddModelEngineEntityFrameworkCore(this IServiceCollection services, string connectionString) => services;

        public static Task MigrateModelEngineDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
