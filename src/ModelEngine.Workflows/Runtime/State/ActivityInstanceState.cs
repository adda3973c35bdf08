using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime.State;

/// <summary>One run of an activity within an instance. A flowchart keeps its tokens in <see cref="Properties"/>.</summary>
public sealed class ActivityInstanceState
{
    public required string Id { get; set; }

    /// <summary>The activity's node id in the definition.</summary>
    public required string NodeId { get; set; }

    /// <summary>The activity instance of the containing flowchart, or <see langword="null"/> for the root.</summary>
    public string? ParentId { get; set; }

    public ActivityStatus Status { get; set; }

    public JsonObject Properties { get; set; } = [];
}
