using System.Globalization;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Descriptors;

namespace ModelEngine.Studio.Features.Instances;

/// <summary>
/// Builds the read-only canvas graph of an instance: the root flowchart of the definition version it runs, with each
/// activity's status and the connections it took, both read from the journal.
/// </summary>
public static class InstanceGraphBuilder
{
    public const string Completed = "Completed";
    public const string Faulted = "Faulted";
    public const string Suspended = "Suspended";
    public const string Cancelled = "Cancelled";
    public const string Running = "Running";

    /// <summary>Builds the graph of <paramref name="model"/>'s root level. Activities nested in containers are not drawn.</summary>
    public static CanvasGraph Build(JsonObject model, IReadOnlyList<ActivityDescriptor> descriptors, IReadOnlyList<JournalEntry> journal)
    {
        var root = model["root"] as JsonObject;
        var activities = (root?["activities"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var connections = (root?["connections"] as JsonArray)?.OfType<JsonObject>().Select(ReadConnection).OfType<Connection>().ToList() ?? [];
        var statuses = ReadStatuses(journal);

        var nodes = new List<CanvasNode>();
        foreach (var activity in activities)
        {
            var id = Text(activity["id"]);
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            var type = Text(activity["type"]) ?? string.Empty;
            var descriptor = descriptors.FirstOrDefault(d => d.TypeName == type) ?? descriptors.FirstOrDefault(d => d.Aliases.Contains(type));
            var position = activity["metadata"]?["designer"]?["position"];
            var ports = OutPorts(id, descriptor, connections);
            nodes.Add(new CanvasNode(
                id,
                type,
                Label(activity, type, descriptor),
                Number(position?["x"]),
                Number(position?["y"]),
                ports,
                HasInPort: descriptor?.IsStart != true,
                Category: descriptor?.ServerCategory ?? descriptor?.Category,
                Status: statuses.GetValueOrDefault(id),
                IsContainer: descriptor?.IsContainer == true,
                PortLabels: descriptor is null ? null : [.. ports.Select(descriptor.OutcomeLabel)]));
        }

        var edges = connections
            .Select(c => new CanvasEdge(c.Id, c.Source, c.SourcePort, c.Target, c.TargetPort, IsTaken(c, journal)))
            .ToList();
        return new CanvasGraph(nodes, edges);
    }

    /// <summary>
    /// Reads each activity's last status from the journal: the last of completed, faulted, suspended, resumed (which
    /// shows as running) and cancelled wins, so a suspended activity that later resumed or completed is not suspended.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadStatuses(IReadOnlyList<JournalEntry> journal)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in journal.OrderBy(e => e.Sequence))
        {
            if (entry.ActivityId is not { Length: > 0 } activityId)
            {
                continue;
            }

            var status = entry.EventName switch
            {
                "ActivityCompleted" => Completed,
                "ActivityFaulted" => Faulted,
                "ActivitySuspended" => Suspended,
                "ActivityResumed" => Running,
                "ActivityCancelled" => Cancelled,
                _ => null,
            };
            if (status is not null)
            {
                statuses[activityId] = status;
            }
        }

        return statuses;
    }

    /// <summary>Reads the outcomes of an <c>ActivityCompleted</c> payload, <c>{ "outcomes": ["Done"] }</c>.</summary>
    public static IReadOnlyList<string> ReadOutcomes(JsonNode? payload) =>
        (payload as JsonObject)?["outcomes"] is JsonArray outcomes
            ? outcomes.Select(o => o is JsonValue value && value.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList()
            : [];

    private static bool IsTaken(Connection connection, IReadOnlyList<JournalEntry> journal)
    {
        // Taken: the source completed with this port among its outcomes, and the target ran after that completion.
        var ordered = journal.OrderBy(e => e.Sequence).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            if (entry.EventName != "ActivityCompleted" || entry.ActivityId != connection.Source
                || !ReadOutcomes(entry.Payload).Contains(connection.SourcePort, StringComparer.Ordinal))
            {
                continue;
            }

            if (ordered.Skip(i + 1).Any(e => e.ActivityId == connection.Target && e.EventName.StartsWith("Activity", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Label(JsonObject activity, string type, ActivityDescriptor? descriptor)
    {
        var displayText = activity["metadata"]?["displayText"] is JsonValue text && text.TryGetValue<string>(out var value) ? value : null;
        var name = activity["name"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var nameText) ? nameText : null;
        return !string.IsNullOrWhiteSpace(displayText) ? displayText
            : !string.IsNullOrWhiteSpace(name) ? NodeLabels.FromName(name, descriptor)
            : descriptor?.DisplayName ?? type;
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static List<string> OutPorts(string activityId, ActivityDescriptor? descriptor, IReadOnlyList<Connection> connections)
    {
        var ports = descriptor?.Ports.Where(p => p.Type == PortDescriptor.FlowType).Select(p => p.Name).ToList() ?? [];
        foreach (var connection in connections.Where(c => c.Source == activityId))
        {
            if (!ports.Contains(connection.SourcePort, StringComparer.Ordinal))
            {
                ports.Add(connection.SourcePort);
            }
        }

        return ports;
    }

    private static Connection? ReadConnection(JsonObject connection)
    {
        // Elsa 3 writes { source: { activity, port }, target: { activity, port } }. Flat ids with sourcePort and targetPort are read too.
        var source = connection["source"] is JsonObject s ? Text(s["activity"]) : Text(connection["source"]);
        var sourcePort = connection["source"] is JsonObject sp ? Text(sp["port"]) : Text(connection["sourcePort"]);
        var target = connection["target"] is JsonObject t ? Text(t["activity"]) : Text(connection["target"]);
        var targetPort = connection["target"] is JsonObject tp ? Text(tp["port"]) : Text(connection["targetPort"]);
        if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(target))
        {
            return null;
        }

        sourcePort = string.IsNullOrEmpty(sourcePort) ? "Done" : sourcePort;
        targetPort = string.IsNullOrEmpty(targetPort) ? "In" : targetPort;
        return new Connection($"{source}:{sourcePort}->{target}:{targetPort}", source, sourcePort, target, targetPort);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed record Connection(string Id, string Source, string SourcePort, string Target, string TargetPort);
}
