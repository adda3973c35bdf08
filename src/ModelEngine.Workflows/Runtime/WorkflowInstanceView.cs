using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Runtime;

/// <summary>An instance as the API shows it: its summary with input, output, variables and incidents.</summary>
public sealed record WorkflowInstanceView(
    WorkflowInstanceSummary Summary,
    JsonObject Input,
    JsonObject Output,
    JsonObject Variables,
    IReadOnlyList<Incident> Incidents);
