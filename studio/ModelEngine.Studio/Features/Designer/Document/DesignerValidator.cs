using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// Finds the problems the designer shows on the nodes of the level shown: a required input that is missing or empty,
/// an activity that is not connected at all (start activities excepted), an activity type without a descriptor, and a
/// Start activity that never runs because the flowchart starts at another one.
/// </summary>
public sealed class DesignerValidator(IStringLocalizer<DesignerResources> localizer)
{
    public IReadOnlyList<DesignerProblem> Validate(JsonObject flowchart, DescriptorCatalog catalog)
    {
        var problems = new List<DesignerProblem>();
        var connections = ActivityJson.Connections(flowchart).OfType<JsonObject>().ToList();
        var sources = connections.Select(ActivityJson.ConnectionSource).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var targets = connections.Select(ActivityJson.ConnectionTarget).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var activity in ActivityJson.ActivityObjects(flowchart))
        {
            var id = ActivityJson.Id(activity);
            var type = ActivityJson.Type(activity);
            var descriptor = catalog.Find(type);
            var label = DesignerGraph.Label(activity, descriptor);
            if (descriptor is null)
            {
                problems.Add(new DesignerProblem(id, label, localizer["ProblemUnknownType", type ?? string.Empty]));
            }
            else
            {
                foreach (var input in descriptor.Inputs.Where(input => input.IsRequired && IsEmpty(activity[input.Name])))
                {
                    problems.Add(new DesignerProblem(id, label, localizer["ProblemMissingInput", input.DisplayName]));
                }
            }

            if (!DesignerGraph.IsStart(activity, descriptor) && !targets.Contains(id) && !sources.Contains(id))
            {
                problems.Add(new DesignerProblem(id, label, localizer["ProblemUnconnected"]));
            }
        }

        AddUnusedStarts(flowchart, catalog, problems);
        return problems;
    }

    /// <summary>
    /// The engine starts a flowchart at the activity its <c>start</c> property names, else at its first Start activity,
    /// so every other Start activity and its branch never run.
    /// </summary>
    private void AddUnusedStarts(JsonObject flowchart, DescriptorCatalog catalog, List<DesignerProblem> problems)
    {
        var starts = ActivityJson.ActivityObjects(flowchart)
            .Where(activity => DesignerGraph.IsStart(activity, catalog.Find(ActivityJson.Type(activity))))
            .ToList();
        if (starts.Count < 2)
        {
            return;
        }

        var named = flowchart["start"] is JsonValue value && value.TryGetValue<string>(out var startId) ? startId : null;
        var used = starts.FirstOrDefault(activity => ActivityJson.Id(activity) == named) ?? starts[0];
        var usedLabel = DesignerGraph.Label(used, catalog.Find(ActivityJson.Type(used)));
        foreach (var activity in starts.Where(activity => !ReferenceEquals(activity, used)))
        {
            var label = DesignerGraph.Label(activity, catalog.Find(ActivityJson.Type(activity)));
            problems.Add(new DesignerProblem(ActivityJson.Id(activity), label, localizer["ProblemExtraStart", usedLabel]));
        }
    }

    /// <summary>Returns whether an input has no value: missing, null, an empty string or array, or an expression without a value.</summary>
    public static bool IsEmpty(JsonNode? input) => input switch
    {
        null => true,
        JsonObject wrapped when wrapped.ContainsKey("expression") => IsEmpty(wrapped["expression"]?["value"]),
        JsonObject wrapped when wrapped.ContainsKey("memoryReference") => false,
        JsonArray array => array.Count == 0,
        JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) || text.Trim() is "[]",
        _ => false,
    };
}
