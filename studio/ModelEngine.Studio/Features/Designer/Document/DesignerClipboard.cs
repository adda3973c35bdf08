using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// The activities copied in this circuit and the connections among them. Paste inserts copies with new ids, so the
/// same content can be pasted many times, into any level or definition.
/// </summary>
public sealed class DesignerClipboard
{
    /// <summary>The distance, in canvas units, between a pasted activity and its original.</summary>
    public const double PasteOffset = 40;

    private JsonArray _activities = [];
    private JsonArray _connections = [];
    private int _pasteCount;

    public bool IsEmpty => _activities.Count == 0;

    /// <summary>Copies the activities with these ids from <paramref name="flowchart"/>, and the connections between them.</summary>
    public void Copy(JsonObject flowchart, IReadOnlyCollection<string> ids)
    {
        var activities = ActivityJson.ActivityObjects(flowchart).Where(activity => ids.Contains(ActivityJson.Id(activity))).ToList();
        if (activities.Count == 0)
        {
            return;
        }

        _activities = [.. activities.Select(activity => activity.DeepClone())];
        _connections = [.. ActivityJson.Connections(flowchart).OfType<JsonObject>()
            .Where(c => ids.Contains(ActivityJson.ConnectionSource(c) ?? string.Empty) && ids.Contains(ActivityJson.ConnectionTarget(c) ?? string.Empty))
            .Select(c => c.DeepClone())];
        _pasteCount = 0;
    }

    /// <summary>Pastes the copied activities into the level shown as one undo step, and returns their new ids.</summary>
    public IReadOnlyList<string> Paste(DesignerDocument document)
    {
        if (IsEmpty)
        {
            return [];
        }

        var newIds = new List<string>();
        document.Apply(definition =>
        {
            _pasteCount++;
            var ids = ActivityJson.AllIds(definition);
            var flowchart = document.CurrentFlowchart;
            var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var activity in _activities.OfType<JsonObject>().Select(a => (JsonObject)a.DeepClone()))
            {
                var id = RenameTree(activity, ids, renamed);
                var (x, y) = ActivityJson.Position(activity);
                ActivityJson.SetPosition(activity, x + (PasteOffset * _pasteCount), y + (PasteOffset * _pasteCount));
                ActivityJson.Activities(flowchart).Add(activity);
                newIds.Add(id);
            }

            foreach (var connection in _connections.OfType<JsonObject>().Select(c => (JsonObject)c.DeepClone()))
            {
                RemapConnection(connection, renamed);
                ActivityJson.Connections(flowchart).Add(connection);
            }
        });
        return newIds;
    }

    // Gives the activity and every activity nested in it a new id that the document does not use yet, and rewrites
    // the connections of nested flowcharts to the new ids.
    private static string RenameTree(JsonObject activity, HashSet<string> ids, Dictionary<string, string> renamed)
    {
        var oldId = ActivityJson.Id(activity);
        var prefix = new string(oldId.TrimEnd("0123456789".ToCharArray()).DefaultIfEmpty('a').ToArray());
        var number = 1;
        while (ids.Contains(prefix + number))
        {
            number++;
        }

        var newId = prefix + number;
        ids.Add(newId);
        renamed[oldId] = newId;
        activity["id"] = newId;

        var nestedRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in activity.ToList())
        {
            if (name is "metadata" or "customProperties")
            {
                continue;
            }

            if (value is JsonArray array && name == "activities")
            {
                foreach (var child in array.OfType<JsonObject>())
                {
                    RenameTree(child, ids, nestedRenames);
                }
            }
            else if (value is JsonObject child && child["type"] is JsonValue && child["id"] is JsonValue)
            {
                RenameTree(child, ids, nestedRenames);
            }
        }

        if (activity["connections"] is JsonArray connections)
        {
            foreach (var connection in connections.OfType<JsonObject>())
            {
                RemapConnection(connection, nestedRenames);
            }
        }

        return newId;
    }

    private static void RemapConnection(JsonObject connection, Dictionary<string, string> renamed)
    {
        foreach (var end in new[] { "source", "target" })
        {
            if (connection[end] is JsonObject endpoint
                && endpoint["activity"]?.GetValue<string>() is { } id
                && renamed.TryGetValue(id, out var newId))
            {
                endpoint["activity"] = newId;
            }
        }
    }
}
