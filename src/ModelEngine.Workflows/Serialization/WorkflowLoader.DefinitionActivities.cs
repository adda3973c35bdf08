using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Activities.Composition;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Serialization;

public sealed partial class WorkflowLoader
{
    /// <summary>Activity JSON properties that Elsa writes for a definition used as an activity and that are not its inputs.</summary>
    private static readonly HashSet<string> s_definitionActivityKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "nodeId", "type", "name", "version", "customProperties", "metadata", "canStartWorkflow", "runAsynchronously",
        WorkflowDefinitionActivity.DefinitionIdProperty, "workflowDefinitionVersionId", "latestAvailablePublishedVersion",
        "latestAvailablePublishedVersionId",
    };

    private static bool IsDefinitionActivity(JsonObject json) =>
        GetString(json, WorkflowDefinitionActivity.DefinitionIdProperty) is { Length: > 0 };

    /// <summary>
    /// Binds a definition used as an activity: each wrapped property (with an <c>expression</c>) is an input of the
    /// child, and each property that only carries a <c>memoryReference</c> captures the child's output of that name.
    /// </summary>
    private void BindDefinitionActivity(WorkflowDefinitionActivity activity, JsonObject json, List<ValidationError> errors)
    {
        activity.WorkflowDefinitionId = GetString(json, WorkflowDefinitionActivity.DefinitionIdProperty) ?? "";
        if (activity.WorkflowDefinitionId.Length == 0)
        {
            errors.Add(new ValidationError(activity.Id, WorkflowDefinitionActivity.DefinitionIdProperty, null,
                $"Activity '{activity.Id}' runs a workflow definition but names none. Set '{WorkflowDefinitionActivity.DefinitionIdProperty}' to the definition id."));
        }

        var inputs = new Dictionary<string, Input<object>>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, Output<object>>(StringComparer.Ordinal);
        foreach (var (name, node) in json)
        {
            if (s_definitionActivityKeys.Contains(name) || node is not JsonObject wrapper)
            {
                continue;
            }

            if (GetProperty(wrapper, "expression") is JsonObject)
            {
                var input = (Input<object>)ReadWrappedInput(wrapper, typeof(Input<object>))!;
                inputs[name] = input;
                ValidateExpression(activity, name, input.Expression!, errors);
            }
            else if (GetProperty(wrapper, "memoryReference") is JsonObject reference && GetString(reference, "id") is { } referenceId)
            {
                outputs[name] = new Output<object> { TypeName = GetString(wrapper, "typeName"), MemoryReference = new Models.MemoryReference(referenceId) };
            }
        }

        activity.ChildInputs = inputs;
        activity.ChildOutputs = outputs;
    }
}
