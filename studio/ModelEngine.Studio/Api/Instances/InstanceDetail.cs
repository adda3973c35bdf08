using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Instances;

/// <summary>An instance in the full shape of <c>GET /api/workflow-instances/{id}</c>.</summary>
public sealed record InstanceDetail : InstanceSummary
{
    public JsonObject? Input { get; init; }

    public JsonObject? Output { get; init; }

    public JsonObject? Variables { get; init; }

    public IReadOnlyList<InstanceIncident> Incidents { get; init; } = [];

    /// <summary>Whether the instance ended in a fault, so that a retry applies.</summary>
    public bool IsFaulted => SubStatus == "Faulted";

    /// <summary>Whether the instance still runs, so that a cancel applies.</summary>
    public bool IsRunning => Status == "Running";
}
