namespace ModelEngine.Waterflow;

/// <summary>A snapshot of one node's counters.</summary>
/// <param name="Node">The node's id, or its kind and index when it has no id.</param>
/// <param name="Kind">The operator kind, such as map or reduce.</param>
/// <param name="ItemsIn">Items the node received.</param>
/// <param name="ItemsOut">Items the node emitted.</param>
/// <param name="CreditWindow">The credit window of the edge in front of the node, or null when the node is fused into its predecessor's stage.</param>
/// <param name="Credits">Credits the producers of that edge may still use, or null.</param>
/// <param name="QueueLength">Items queued on that edge, or null.</param>
/// <param name="BusyTime">Time the node's stage spent running, or null for a fused node (its time counts toward the stage's first node).</param>
public sealed record NodeMetrics(
    string Node, string Kind, long ItemsIn, long ItemsOut, int? CreditWindow, long? Credits, int? QueueLength, TimeSpan? BusyTime);
