using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>
/// A flowchart edge from an outcome (port) of one activity to another activity. <see cref="Vertices"/> keeps the
/// designer's bend points.
/// </summary>
public sealed record Connection(string SourceActivity, string SourcePort, string TargetActivity, string TargetPort, JsonArray? Vertices = null)
{
    /// <summary>A key that identifies the connection within its flowchart.</summary>
    public string Key => $"{SourceActivity}:{SourcePort}->{TargetActivity}:{TargetPort}";
}
