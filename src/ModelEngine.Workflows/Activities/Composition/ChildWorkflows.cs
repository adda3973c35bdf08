using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Composition;

namespace ModelEngine.Workflows.Activities.Composition;

/// <summary>What the activities that start child instances share: resolving the child's version and reading its end.</summary>
internal static class ChildWorkflows
{
    /// <summary>
    /// Returns the version of <paramref name="definitionId"/> published now, so a child is pinned to the version
    /// published when the parent's step runs. Faults the activity when none is published.
    /// </summary>
    public static async ValueTask<Workflow> ResolvePublishedAsync(ActivityExecutionContext context, string definitionId)
    {
        var graphs = context.Services.GetRequiredService<WorkflowGraphCache>();
        var record = await graphs.FindPublishedAsync(definitionId, context.CancellationToken);
        if (record is null)
        {
            throw new WorkflowFaultException(
                $"Activity '{context.Activity.Id}' ({context.Activity.Type}) starts workflow definition '{definitionId}', which has no published version. Publish it, then retry this instance.");
        }

        return graphs.Get(record);
    }

    /// <summary>Evaluates an input that must be a JSON object or empty.</summary>
    public static async ValueTask<JsonObject?> EvaluateInputObjectAsync(ActivityExecutionContext context, Input<object>? input, string inputName)
    {
        return Models.JsonValueFactory.From(await context.EvaluateAsync(input, inputName)) switch
        {
            null => null,
            JsonObject value => value,
            var other => throw new WorkflowFaultException(
                $"Activity '{context.Activity.Id}' ({context.Activity.Type}), input '{inputName}': the value {other.ToJsonString()} is not a JSON object. Pass an object such as {{ \"amount\": 10 }}."),
        };
    }

    /// <summary>
    /// Returns the output of the child whose end resumed this activity. Faults the activity when the child was
    /// cancelled or no longer exists, because then it has no output.
    /// </summary>
    public static JsonObject ReadFinishedOutput(ActivityExecutionContext context)
    {
        var resume = context.ResumeInput as JsonObject;
        var childId = resume?["childInstanceId"]?.GetValue<string>() ?? "(unknown)";
        var subStatus = resume?["subStatus"]?.GetValue<string>();
        if (subStatus != nameof(WorkflowSubStatus.Finished))
        {
            throw new WorkflowFaultException(
                $"Activity '{context.Activity.Id}' ({context.Activity.Type}): child workflow instance '{childId}' ended as {subStatus ?? "(unknown)"} without output. Cancel this instance, or change the definition to handle it.");
        }

        return resume?["output"] as JsonObject is { } output ? (JsonObject)output.DeepClone() : [];
    }

    /// <summary>Cancels the child that this activity waits for, once the step that cancels the activity has committed.</summary>
    public static void CancelWaitedChild(ActivityExecutionContext context)
    {
        foreach (var bookmark in context.WorkflowContext.State.Bookmarks)
        {
            if (bookmark.ActivityInstanceId == context.Instance.Id
                && bookmark.Name == ChildWorkflowBookmarks.BookmarkName
                && bookmark.Payload?[ChildWorkflowBookmarks.ChildInstanceIdProperty] is JsonValue value
                && value.TryGetValue(out string? childId))
            {
                context.CancelChildWorkflowAfterCommit(childId);
            }
        }
    }
}
