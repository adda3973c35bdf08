using System.Text.Json;
using ModelEngine.Workflows.Runtime.State;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Runtime;

/// <summary>Serializes instance state to the JSON blob that persistence stores.</summary>
public static class WorkflowStateSerializer
{
    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, WorkflowJson.Options);

    public static WorkflowState Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, WorkflowJson.Options)
        ?? throw new InvalidOperationException("Stored workflow state is empty.");
}
