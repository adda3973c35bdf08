// TODO: delete this file when the engine and human-task registrations land on main.
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
