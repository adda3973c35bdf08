using System.Diagnostics.Metrics;

namespace ModelEngine.Waterflow;

/// <summary>
/// Publishes per-node metrics through <see cref="System.Diagnostics.Metrics"/> under the meter
/// <c>ModelEngine.Waterflow</c>. The instruments are observable: nodes keep plain counters and the meter reads
/// them only when a listener collects, so the item path pays nothing for metrics.
/// </summary>
internal static class WaterflowMetrics
{
    public const string MeterName = "ModelEngine.Waterflow";

    private static readonly object s_gate = new();
    private static readonly List<WeakReference<FlowRuntime>> s_flows = [];
    private static readonly Meter s_meter = new(MeterName);

    static WaterflowMetrics()
    {
        s_meter.CreateObservableCounter("waterflow.node.items_in", () => Observe(static (node, _) => node.Counters.ItemsIn), "{item}", "Items a node received.");
        s_meter.CreateObservableCounter("waterflow.node.items_out", () => Observe(static (node, _) => node.Counters.ItemsOut), "{item}", "Items a node emitted.");
        s_meter.CreateObservableGauge("waterflow.edge.credits", () => ObserveEdges(static edge => edge.Credits), "{credit}", "Credits left on the edge in front of a node.");
        s_meter.CreateObservableGauge("waterflow.edge.queue_length", () => ObserveEdges(static edge => edge.QueueLength), "{item}", "Items queued on the edge in front of a node.");
        s_meter.CreateObservableGauge("waterflow.edge.window", () => ObserveEdges(static edge => edge.Window), "{credit}", "Credit window of the edge in front of a node.");
        s_meter.CreateObservableCounter("waterflow.node.busy_time", ObserveBusyTime, "s", "Time the stage that starts at a node spent running.");
    }

    public static void Register(FlowRuntime runtime)
    {
        lock (s_gate)
        {
            s_flows.RemoveAll(reference => !reference.TryGetTarget(out _));
            s_flows.Add(new WeakReference<FlowRuntime>(runtime));
        }
    }

    public static IReadOnlyList<NodeMetrics> Snapshot(FlowRuntime runtime) =>
    [
        .. runtime.Nodes.Select(node => new NodeMetrics(
            node.Name,
            node.Kind,
            Volatile.Read(ref node.Counters.ItemsIn),
            Volatile.Read(ref node.Counters.ItemsOut),
            node.InputEdge?.Window,
            node.InputEdge?.Credits,
            node.InputEdge?.QueueLength,
            node.IsHead && node.Stage is not null ? TimeSpan.FromSeconds(node.Stage.BusySeconds) : null)),
    ];

    private static List<FlowRuntime> LiveFlows()
    {
        lock (s_gate)
        {
            var flows = new List<FlowRuntime>(s_flows.Count);
            foreach (var reference in s_flows)
            {
                if (reference.TryGetTarget(out var runtime))
                {
                    flows.Add(runtime);
                }
            }

            return flows;
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<NodeSpec, FlowRuntime, long> read)
    {
        foreach (var runtime in LiveFlows())
        {
            foreach (var node in runtime.Nodes)
            {
                yield return new Measurement<long>(read(node, runtime), Tags(runtime, node));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveEdges(Func<IEdgeStatistics, long> read)
    {
        foreach (var runtime in LiveFlows())
        {
            foreach (var node in runtime.Nodes)
            {
                if (node.InputEdge is { } edge)
                {
                    yield return new Measurement<long>(read(edge), Tags(runtime, node));
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveBusyTime()
    {
        foreach (var runtime in LiveFlows())
        {
            foreach (var node in runtime.Nodes)
            {
                if (node.IsHead && node.Stage is { } stage)
                {
                    yield return new Measurement<double>(stage.BusySeconds, Tags(runtime, node));
                }
            }
        }
    }

    private static KeyValuePair<string, object?>[] Tags(FlowRuntime runtime, NodeSpec node) =>
        [new("flow", runtime.Name), new("node", node.Name), new("kind", node.Kind)];
}
