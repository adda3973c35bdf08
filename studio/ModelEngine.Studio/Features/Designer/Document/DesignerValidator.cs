using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// Finds the problems the designer shows on the nodes of the level shown: a required input that is missing or empty,
/// an activity that is not connected at all (start activities excepted), and an activity type without a descriptor.
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

        return problems;
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
