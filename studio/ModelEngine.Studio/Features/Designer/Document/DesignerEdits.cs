using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>The canvas and toolbox edits, each applied to the level shown as one undo step.</summary>
public static class DesignerEdits
{
    /// <summary>Returns the canvas edge id of a connection, by which <see cref="Disconnect"/> finds the connection.</summary>
    public static string EdgeId(JsonObject connection) =>
        $"{ActivityJson.ConnectionSource(connection)}|{ActivityJson.ConnectionSourcePort(connection)}|{ActivityJson.ConnectionTarget(connection)}|{ActivityJson.ConnectionTargetPort(connection) ?? "In"}";

    /// <summary>Adds an activity of <paramref name="descriptor"/>'s type with its default inputs, and returns its id.</summary>
    public static string? AddActivity(DesignerDocument document, ActivityDescriptor descriptor, double x, double y)
    {
        string? id = null;
        document.Apply(definition =>
        {
            var ids = ActivityJson.AllIds(definition);
            var baseName = descriptor.Name ?? descriptor.TypeName.Split('.')[^1];
            var number = NextNumber(ids, baseName);
            id = CamelCase(baseName) + number;
            var activity = new JsonObject
            {
                ["id"] = id,
                ["type"] = descriptor.TypeName,
                ["version"] = descriptor.Version,
                ["name"] = baseName + number,
            };
            foreach (var input in descriptor.Inputs.Where(input => input.DefaultValue is not null))
            {
                activity[CamelCase(input.Name)] = input.IsWrapped
                    ? new JsonObject
                    {
                        ["typeName"] = input.TypeName,
                        ["expression"] = new JsonObject { ["type"] = input.DefaultSyntax ?? "Literal", ["value"] = input.DefaultValue!.DeepClone() },
                    }
                    : input.DefaultValue!.DeepClone();
            }

            if (descriptor.TypeName is ActivityJson.FlowchartType)
            {
                activity["activities"] = new JsonArray();
                activity["connections"] = new JsonArray();
            }

            ActivityJson.SetPosition(activity, x, y);
            ActivityJson.Activities(document.CurrentFlowchart).Add(activity);
        });
        return id;
    }

    public static void Move(DesignerDocument document, IReadOnlyList<CanvasPosition> positions)
    {
        var flowchart = document.CurrentFlowchart;
        var moved = positions
            .Select(position => (Position: position, Activity: ActivityJson.FindActivity(flowchart, position.Id)))
            .Where(pair => pair.Activity is not null && ActivityJson.Position(pair.Activity) != (pair.Position.X, pair.Position.Y))
            .ToList();
        if (moved.Count == 0)
        {
            return;
        }

        document.Apply(_ =>
        {
            foreach (var (position, activity) in moved)
            {
                ActivityJson.SetPosition(activity!, position.X, position.Y);
            }
        });
    }

    /// <summary>
    /// Adds a connection unless it is a self-loop, the same one exists, or an end is not in the level shown.
    /// </summary>
    public static bool Connect(DesignerDocument document, CanvasEdge edge)
    {
        var flowchart = document.CurrentFlowchart;
        var connection = ActivityJson.Connection(edge.Source, edge.SourcePort, edge.Target, edge.TargetPort);
        if (edge.Source == edge.Target
            || ActivityJson.FindActivity(flowchart, edge.Source) is null
            || ActivityJson.FindActivity(flowchart, edge.Target) is null
            || ActivityJson.Connections(flowchart).OfType<JsonObject>().Any(existing => EdgeId(existing) == EdgeId(connection)))
        {
            return false;
        }

        return document.Apply(_ => ActivityJson.Connections(flowchart).Add(connection));
    }

    public static bool Disconnect(DesignerDocument document, string edgeId)
    {
        var connections = ActivityJson.Connections(document.CurrentFlowchart);
        var connection = connections.OfType<JsonObject>().FirstOrDefault(existing => EdgeId(existing) == edgeId);
        return connection is not null && document.Apply(_ => connections.Remove(connection));
    }

    /// <summary>Deletes the activities with these ids and every connection to or from them.</summary>
    public static bool Delete(DesignerDocument document, IReadOnlyCollection<string> ids)
    {
        var flowchart = document.CurrentFlowchart;
        var activities = ActivityJson.ActivityObjects(flowchart).Where(activity => ids.Contains(ActivityJson.Id(activity))).ToList();
        if (activities.Count == 0)
        {
            return false;
        }

        return document.Apply(_ =>
        {
            var array = ActivityJson.Activities(flowchart);
            foreach (var activity in activities)
            {
                array.Remove(activity);
            }

            var connections = ActivityJson.Connections(flowchart);
            foreach (var connection in connections.OfType<JsonObject>().Where(c => ids.Contains(ActivityJson.ConnectionSource(c) ?? string.Empty) || ids.Contains(ActivityJson.ConnectionTarget(c) ?? string.Empty)).ToList())
            {
                connections.Remove(connection);
            }
        });
    }

    /// <summary>Replaces the activity with the same id in the level shown by <paramref name="activity"/>, as the property panel edited it.</summary>
    public static bool UpdateActivity(DesignerDocument document, JsonObject activity)
    {
        var array = ActivityJson.Activities(document.CurrentFlowchart);
        var id = ActivityJson.Id(activity);
        var index = array.Select((node, i) => (node, i)).FirstOrDefault(pair => pair.node is JsonObject existing && ActivityJson.Id(existing) == id, (null, -1)).Item2;
        if (index < 0)
        {
            return false;
        }

        // The panel may have edited the activity object in place; the document then contains the new value already.
        var replacement = ReferenceEquals(array[index], activity) ? null : activity.DeepClone();
        return document.Apply(_ =>
        {
            if (replacement is not null)
            {
                array[index] = replacement;
            }
        });
    }

    /// <summary>Returns the position right of the rightmost activity in the level shown, for an activity added by keyboard.</summary>
    public static (double X, double Y) FreeSpot(DesignerDocument document)
    {
        var positions = ActivityJson.ActivityObjects(document.CurrentFlowchart).Select(ActivityJson.Position).ToList();
        return positions.Count == 0 ? (40, 40) : (positions.Max(p => p.X) + 240, positions.MinBy(p => p.X).Y);
    }

    internal static int NextNumber(HashSet<string> ids, string baseName)
    {
        var prefix = CamelCase(baseName);
        var number = 1;
        while (ids.Contains(prefix + number))
        {
            number++;
        }

        return number;
    }

    internal static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
