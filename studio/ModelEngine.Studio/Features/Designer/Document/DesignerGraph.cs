using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>Maps the level shown of a <see cref="DesignerDocument"/> to the <see cref="CanvasGraph"/> the canvas draws.</summary>
public static class DesignerGraph
{
    public static CanvasGraph Build(JsonObject flowchart, DescriptorCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> problems)
    {
        var nodes = new List<CanvasNode>();
        foreach (var activity in ActivityJson.ActivityObjects(flowchart))
        {
            var id = ActivityJson.Id(activity);
            var descriptor = catalog.Find(ActivityJson.Type(activity));
            var (x, y) = ActivityJson.Position(activity);
            var ports = OutPorts(activity, descriptor);
            nodes.Add(new CanvasNode(
                id,
                ActivityJson.Type(activity) ?? string.Empty,
                Label(activity, descriptor),
                x,
                y,
                ports,
                HasInPort: !IsStart(activity, descriptor),
                Category: descriptor?.ServerCategory ?? descriptor?.Category,
                Problems: problems.TryGetValue(id, out var list) ? list : null,
                IsContainer: descriptor?.IsContainer ?? ActivityJson.IsFlowchart(activity),
                PortLabels: descriptor is null ? null : [.. ports.Select(descriptor.OutcomeLabel)]));
        }

        var edges = ActivityJson.Connections(flowchart).OfType<JsonObject>()
            .Where(c => ActivityJson.ConnectionSource(c) is not null && ActivityJson.ConnectionTarget(c) is not null)
            .Select(c => new CanvasEdge(
                DesignerEdits.EdgeId(c),
                ActivityJson.ConnectionSource(c)!,
                ActivityJson.ConnectionSourcePort(c) ?? "Done",
                ActivityJson.ConnectionTarget(c)!,
                ActivityJson.ConnectionTargetPort(c) ?? "In"))
            .ToList();
        return new CanvasGraph(nodes, edges);
    }

    /// <summary>
    /// Returns the label of a node: the display text, else the activity name (a generated name in the user's language,
    /// see <see cref="NodeLabels"/>), else the type's display name.
    /// </summary>
    public static string Label(JsonObject activity, ActivityDescriptor? descriptor) =>
        NonEmpty(activity["metadata"]?["displayText"])
        ?? (NonEmpty(activity["name"]) is { } name ? NodeLabels.FromName(name, descriptor) : null)
        ?? descriptor?.DisplayName ?? ActivityJson.Type(activity) ?? ActivityJson.Id(activity);

    public static bool IsStart(JsonObject activity, ActivityDescriptor? descriptor) =>
        descriptor?.IsStart == true || ActivityJson.Type(activity) == ActivityJson.StartType;

    /// <summary>
    /// Returns the outcome ports: the descriptor's flow ports, or for an activity with dynamic outcomes the outcomes
    /// its JSON lists (the <c>dynamic-outcomes</c> input, or the case labels of a <c>flow-switch-editor</c> input and
    /// <c>Default</c>).
    /// </summary>
    public static IReadOnlyList<string> OutPorts(JsonObject activity, ActivityDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            return ["Done"];
        }

        var flowPorts = descriptor.Ports.Where(p => p.Type == PortDescriptor.FlowType).Select(p => p.Name).ToList();
        if (!descriptor.HasDynamicOutcomes)
        {
            return flowPorts;
        }

        foreach (var input in descriptor.Inputs)
        {
            if (input.UiHint == UiHints.DynamicOutcomes && ReadStrings(activity[input.Name]) is { Count: > 0 } outcomes)
            {
                // NOTE: UserTask adds a Skipped port when its Skippable input is true; the descriptor does not say so.
                return outcomes;
            }

            if (input.UiHint == UiHints.FlowSwitchEditor && activity[input.Name] is JsonArray cases)
            {
                return [.. cases.OfType<JsonObject>().Select(c => c["label"]?.GetValue<string>() ?? string.Empty).Where(l => l.Length > 0), "Default"];
            }
        }

        return flowPorts;
    }

    // Reads a list of strings from a wrapped input whose expression is a literal, an Object or a Json value, as the
    // engine reads outcomes without running the workflow. Returns null for any other expression.
    private static List<string>? ReadStrings(JsonNode? input)
    {
        var value = input;
        if (input is JsonObject wrapped && wrapped["expression"] is JsonObject expression)
        {
            if (expression["type"]?.GetValue<string>() is not ("Literal" or "Object" or "Json"))
            {
                return null;
            }

            value = expression["value"];
        }

        try
        {
            var array = value switch
            {
                JsonArray items => items,
                JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('[') => JsonNode.Parse(json) as JsonArray,
                JsonValue text when text.TryGetValue<string>(out var csv) => new JsonArray([.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode)s)]),
                _ => null,
            };
            return array?.Select(item => item?.ToString() ?? string.Empty).Where(item => item.Length > 0).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NonEmpty(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
