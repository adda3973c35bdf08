using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities;

/// <summary>
/// Stands in for an activity whose type this node does not know, keeping its JSON so that the definition survives a
/// missing module. Running it faults the instance.
/// </summary>
[Activity("ModelEngine", "Internal", "An activity whose type is not installed.", IsBrowsable = false)]
public sealed class NotFoundActivity : Activity
{
    /// <summary>The type name the definition asked for.</summary>
    public string MissingTypeName { get; set; } = "";

    /// <summary>The activity's original JSON.</summary>
    public JsonObject OriginalJson { get; set; } = [];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new WorkflowFaultException($"Activity '{Id}' has type '{MissingTypeName}', which is not installed on this server.");
}
