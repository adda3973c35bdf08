using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Management;

/// <summary>
/// A hook on every change to the published version of a definition, so that triggers (HTTP endpoints, cron schedules)
/// follow that version. The definition service calls each registered handler in turn.
/// </summary>
public interface IWorkflowPublicationHandler
{
    /// <summary>
    /// Checks a version before it is published. Throw <see cref="WorkflowConflictException"/> to reject the publish,
    /// for example when another definition already claims a trigger this version declares. Nothing is saved when any
    /// handler throws.
    /// </summary>
    ValueTask ValidatePublishAsync(Workflow workflow, CancellationToken cancellationToken);

    /// <summary>
    /// Updates the handler's triggers after the store saved a change: <paramref name="published"/> is the version now published, or
    /// <see langword="null"/> when the definition has no published version any more (retracted or deleted). A handler
    /// must be idempotent, because a node may call it again for the same state, for example at start-up.
    /// </summary>
    ValueTask OnPublicationChangedAsync(string definitionId, Workflow? published, CancellationToken cancellationToken);
}
