namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>Generates the sample flowcharts the canvas playground draws.</summary>
internal static class PlaygroundGraph
{
    /// <summary>The largest graph the playground draws, so a typo in the query string cannot stall the browser.</summary>
    public const int MaxNodes = 1000;

    private static readonly string[] Categories = ["Flow", "Primitives", "Human", "Http", "Scripting", "Timers"];

    /// <summary>
    /// Generates <paramref name="count"/> nodes in rows of ten. Every node but the last links to the next one, and
    /// every fifth node is a decision whose False outcome skips a node: 150 nodes give 178 edges. With
    /// <paramref name="withStatus"/>, the graph looks like a running instance: the first half completed along taken
    /// edges, then one running, one faulted, one suspended and one cancelled node.
    /// </summary>
    public static CanvasGraph Generate(int count, bool withStatus = false)
    {
        count = Math.Clamp(count, 1, MaxNodes);
        var nodes = new List<CanvasNode>(count);
        var edges = new List<CanvasEdge>();
        for (var i = 0; i < count; i++)
        {
            var decision = i % 5 == 4;
            nodes.Add(new CanvasNode(
                $"n{i}",
                decision ? "ModelEngine.If" : "ModelEngine.WriteLine",
                decision ? $"Decision {i}" : $"Step {i}",
                X: i % 10 * 240,
                Y: i / 10 * 120,
                OutPorts: decision ? ["True", "False"] : ["Done"],
                HasInPort: i > 0,
                Category: Categories[i % Categories.Length],
                Status: withStatus ? StatusAt(i, count) : null,
                Problems: i % 37 == 36 ? [$"Step {i} has no text to write."] : null));
        }

        for (var i = 0; i + 1 < count; i++)
        {
            var decision = i % 5 == 4;
            var taken = withStatus && i + 1 <= count / 2;
            edges.Add(new CanvasEdge($"e{i}", $"n{i}", decision ? "True" : "Done", $"n{i + 1}", Taken: taken));
            if (decision && i + 2 < count)
            {
                edges.Add(new CanvasEdge($"s{i}", $"n{i}", "False", $"n{i + 2}"));
            }
        }

        return new CanvasGraph(nodes, edges);
    }

    private static string? StatusAt(int index, int count)
    {
        var half = count / 2;
        if (index < half)
        {
            return "Completed";
        }

        return (index - half) switch
        {
            0 => "Running",
            1 => "Faulted",
            2 => "Suspended",
            3 => "Cancelled",
            _ => null,
        };
    }
}
