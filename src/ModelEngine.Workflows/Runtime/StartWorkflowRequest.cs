using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// A request to start an instance of the published version of <see cref="DefinitionId"/>, or of the version
/// <see cref="VersionId"/> when it is set. With an <see cref="IdempotencyKey"/>, a repeated dispatch by the same
/// initiator returns the instance the first one created instead of starting another. <see cref="TriggerActivityId"/>
/// names the trigger activity that starts the instance, such as a Cron at the flowchart's start, which then completes at
/// once instead of waiting. <see cref="Properties"/> become the new instance's
/// <see cref="State.WorkflowState.Properties"/>, such as the HTTP request of a trigger, and <see cref="Changes"/> are
/// committed in the same transaction as the new instance.
/// </summary>
public sealed record StartWorkflowRequest(
    string DefinitionId,
    JsonObject? Input = null,
    string? CorrelationId = null,
    string? Initiator = null,
    string? VersionId = null,
    string? IdempotencyKey = null,
    string? TriggerActivityId = null,
    JsonObject? Properties = null,
    IReadOnlyList<object>? Changes = null);
