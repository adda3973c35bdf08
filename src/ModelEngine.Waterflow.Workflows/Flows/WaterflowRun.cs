using System.Text.Json.Nodes;

namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>What one run of a flow segment produced: its output items in input order, and each node's counts.</summary>
public sealed record WaterflowRun(IReadOnlyList<JsonNode?> Items, IReadOnlyList<NodeMetrics> Nodes);
