using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime.Composition;

/// <summary>
/// The bookmark a parent waits on while its child instance runs, and the resume input that the child's end sends to
/// it. Every activity that waits for a child (ExecuteWorkflow, DispatchWorkflow with waiting, a definition used as an
/// activity) uses this bookmark name, so that the safety-net sweep finds them all with one query.
/// </summary>
public static class ChildWorkflowBookmarks
{
    /// <summary>The bookmark name, whatever the type of the waiting activity.</summary>
    public const string BookmarkName = "ModelEngine.ExecuteWorkflow";

    /// <summary>The bookmark payload property that contains the child's instance id.</summary>
    public const string ChildInstanceIdProperty = "childInstanceId";

    /// <summary>The sub-status sent to the parent when the child no longer exists (it was deleted).</summary>
    public const string NotFoundStatus = "NotFound";

    /// <summary>Returns the child instance id stored in a bookmark payload, or <see langword="null"/>.</summary>
    public static string? ReadChildInstanceId(string? payloadJson)
    {
        if (payloadJson is null)
        {
            return null;
        }

        return JsonNode.Parse(payloadJson) is JsonObject payload
            && payload[ChildInstanceIdProperty] is JsonValue value
            && value.TryGetValue(out string? id)
            ? id
            : null;
    }

    /// <summary>Returns whether a child in this sub-status resumes its parent: Finished and Cancelled do, Faulted waits for a retry.</summary>
    public static bool EndsWait(WorkflowSubStatus subStatus) =>
        subStatus is WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled;

    /// <summary>Creates the resume input for the parent: the child's id, its sub-status and its output.</summary>
    public static JsonObject CreateResumeInput(string childInstanceId, string subStatus, JsonObject? output) => new()
    {
        ["childInstanceId"] = childInstanceId,
        ["subStatus"] = subStatus,
        ["output"] = output?.DeepClone(),
    };

    /// <summary>Creates the resume input for the parent from the child's final state.</summary>
    public static JsonObject CreateResumeInput(WorkflowState child) =>
        CreateResumeInput(child.Id, child.SubStatus.ToString(), child.Output);
}
