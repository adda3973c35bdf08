using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Filters for listing instances, newest first. When <see cref="VisibleTo"/> is set, only instances that user may
/// read are returned: those they started and those with a task they hold or are a candidate for.
/// </summary>
public sealed record InstanceListQuery(
    PageRequest Page,
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    WorkflowSubStatus? SubStatus = null,
    string? CorrelationId = null,
    UserIdentity? VisibleTo = null);
