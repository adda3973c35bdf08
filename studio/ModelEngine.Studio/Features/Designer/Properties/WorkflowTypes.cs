using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>
/// The types offered for workflow variables, inputs and outputs. An array type such as <c>String[]</c> is stored as its
/// element type with <c>isArray: true</c>, as Elsa 3 files and the engine's loader have it.
/// </summary>
public static class WorkflowTypes
{
    /// <summary>The choices of the type dropdowns.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["String", "Boolean", "Int32", "Int64", "Decimal", "Double", "DateTime", "Object", "String[]", "Object[]"];

    /// <summary>Returns the row's type as the dropdown shows it, reading both <c>String[]</c> and <c>String</c> with <c>isArray</c>.</summary>
    public static string Read(JsonObject row, string typeProperty)
    {
        var type = JsonText.AsString(row[typeProperty]) is { Length: > 0 } stored ? stored : "Object";
        var isArray = row["isArray"] is JsonValue flag && flag.TryGetValue(out bool value) && value;
        return isArray && !type.EndsWith("[]", StringComparison.Ordinal) ? type + "[]" : type;
    }

    /// <summary>Writes a dropdown choice into the row as its element type and <c>isArray</c>.</summary>
    public static void Write(JsonObject row, string typeProperty, string choice)
    {
        var isArray = choice.EndsWith("[]", StringComparison.Ordinal);
        row[typeProperty] = isArray ? choice[..^2] : choice;
        row["isArray"] = isArray;
    }
}
