using System.Text;

namespace ModelEngine.Waterflow;

/// <summary>
/// Renders a flow as a Mermaid flowchart. Each node shows its name and settings, a thick arrow is a credit
/// edge into a new stage, a plain arrow is a fused call, and a dotted arrow closes a loop.
/// </summary>
internal static class MermaidRenderer
{
    public static string Render(FlowRuntime runtime)
    {
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        foreach (var node in runtime.Nodes)
        {
            text.Append("  n").Append(node.Index).Append("[\"").Append(Label(node)).Append("\"]\n");
        }

        foreach (var node in runtime.Nodes)
        {
            foreach (var edge in node.Outputs)
            {
                var arrow = "-->";
                if (edge.IsFeedback)
                {
                    arrow = "-.->";
                }
                else if (edge.To.IsHead)
                {
                    arrow = "==>";
                }

                text.Append("  n").Append(node.Index).Append(' ').Append(arrow);
                var label = EdgeLabel(edge);
                if (label is not null)
                {
                    text.Append("|\"").Append(label).Append("\"|");
                }

                text.Append(" n").Append(edge.To.Index).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Label(NodeSpec node)
    {
        var label = node.Id is null ? node.Kind : $"{node.Kind} {node.Id}";
        if (node is IDescribedNode described && described.Description is { } description)
        {
            label += $" ({description})";
        }

        if (node.Concurrency > 1)
        {
            label += $" x{node.Concurrency}";
        }

        if (node.IsAsync)
        {
            label += " async";
        }

        return label.Replace("\"", "'", StringComparison.Ordinal);
    }

    private static string? EdgeLabel(EdgeSpec edge)
    {
        var parts = new List<string>();
        if (edge.From.Kind is "conditions" or "parallel")
        {
            parts.Add($"branch {edge.Slot}");
        }

        if (edge.Label is not null)
        {
            parts.Add(edge.Label);
        }

        if (edge.To.IsHead && edge.To.InputEdge is { } input && !edge.IsFeedback)
        {
            parts.Add($"credits {input.Window}");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}

/// <summary>A node that adds a short description (such as its window) to its Mermaid label.</summary>
internal interface IDescribedNode
{
    string? Description { get; }
}
