using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scheduling;

namespace ModelEngine.Server.Scheduling.CronTriggers;

/// <summary>
/// Follows the published version of each definition with its cron trigger: a new version replaces the trigger, and a
/// retract or delete removes it. The loader has already rejected invalid schedules and time zones at publish.
/// </summary>
internal sealed class CronTriggerPublicationHandler : IWorkflowPublicationHandler
{
    private readonly CronTriggerRegistry _registry;

    public CronTriggerPublicationHandler(CronTriggerRegistry registry)
    {
        _registry = registry;
    }

    public ValueTask ValidatePublishAsync(Workflow workflow, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnPublicationChangedAsync(string definitionId, Workflow? published, CancellationToken cancellationToken)
    {
        _registry.Apply(definitionId, published is null ? null : CronTrigger.Find(published));
        return ValueTask.CompletedTask;
    }
}
