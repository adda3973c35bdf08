using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>
/// The workflow around the activity being edited: its variables, inputs, outputs and outcomes, read live from
/// <see cref="Definition"/> so that an edit in the variables editor shows in the pickers at once, and the directory
/// searches behind the user and group pickers.
/// </summary>
public sealed class DesignerContext
{
    /// <summary>The workflow definition JSON (Elsa 3 shape) whose <c>variables</c>, <c>inputs</c>, <c>outputs</c> and <c>outcomes</c> are read.</summary>
    public JsonObject Definition { get; init; } = [];

    /// <summary>
    /// Returns the user names matching a search text. The designer wires it to <c>GET /api/directory/users?search=</c>;
    /// the default returns no users.
    /// </summary>
    public Func<string, Task<IReadOnlyList<string>>> SearchUsers { get; init; } = _ => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Returns the group names matching a search text, from <c>GET /api/directory/groups?search=</c>. The default returns none.</summary>
    public Func<string, Task<IReadOnlyList<string>>> SearchGroups { get; init; } = _ => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The definition's variables that have an id, in definition order.</summary>
    public IReadOnlyList<DesignerVariable> Variables =>
        [.. Items("variables").Select(ToVariable).OfType<DesignerVariable>()];

    /// <summary>The workflow's inputs, <c>[{ type, name, displayName, ... }]</c>, or an empty array when the definition has none.</summary>
    public JsonArray Inputs => Definition["inputs"] as JsonArray ?? [];

    /// <summary>The workflow's outputs, <c>[{ type, name, displayName, isArray }]</c>, or an empty array when the definition has none.</summary>
    public JsonArray Outputs => Definition["outputs"] as JsonArray ?? [];

    /// <summary>The outcomes the definition declares for use as an activity, offered by the outcome picker.</summary>
    public IReadOnlyList<string> Outcomes =>
        [.. Items("outcomes").Select(JsonText.AsString).OfType<string>().Where(o => o.Length > 0)];

    private IEnumerable<JsonNode?> Items(string property) =>
        Definition[property] as JsonArray ?? [];

    private static DesignerVariable? ToVariable(JsonNode? node)
    {
        if (node is not JsonObject variable || JsonText.AsString(variable["id"]) is not { Length: > 0 } id)
        {
            return null;
        }

        var name = JsonText.AsString(variable["name"]) ?? id;
        return new DesignerVariable(id, name, JsonText.AsString(variable["typeName"]) ?? "Object");
    }
}
