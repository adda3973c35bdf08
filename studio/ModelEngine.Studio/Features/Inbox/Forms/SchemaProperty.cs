using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Inbox.Forms;

/// <summary>One property of a task form's object schema, with the input kind that edits it.</summary>
public sealed record SchemaProperty(string Name, JsonObject Schema, SchemaFieldKind Kind, bool Required)
{
    /// <summary>Strings longer than this get a multi-line input even without a <c>ui:widget</c> hint.</summary>
    public const int MultilineThreshold = 200;

    /// <summary>The schema's <c>title</c>, or the property name.</summary>
    public string Label => ReadString(Schema, "title") ?? Name;

    public string? Description => ReadString(Schema, "description");

    public IReadOnlyList<string> Options =>
        Schema["enum"] is JsonArray values ? values.Select(v => v?.ToString() ?? string.Empty).ToArray() : [];

    public double? Minimum => ReadNumber(Schema, "minimum");

    public double? Maximum => ReadNumber(Schema, "maximum");

    public int? MaxLength => ReadNumber(Schema, "maxLength") is { } length ? (int)length : null;

    public int? MinLength => ReadNumber(Schema, "minLength") is { } length ? (int)length : null;

    public string? Pattern => ReadString(Schema, "pattern");

    /// <summary>Reads the properties of an object schema in their order, with the <c>ui:widget</c> hints of <paramref name="uiSchema"/>.</summary>
    public static IReadOnlyList<SchemaProperty> Read(JsonObject? schema, JsonObject? uiSchema)
    {
        if (schema?["properties"] is not JsonObject properties)
        {
            return [];
        }

        var required = schema["required"] is JsonArray names
            ? names.Select(n => n?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var result = new List<SchemaProperty>();
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var widget = uiSchema?[name] is JsonObject hints ? ReadString(hints, "ui:widget") : null;
            result.Add(new SchemaProperty(name, property, KindOf(property, widget), required.Contains(name)));
        }

        return result;
    }

    private static SchemaFieldKind KindOf(JsonObject property, string? widget)
    {
        var type = ReadString(property, "type");
        if (property["enum"] is JsonArray && type is null or "string")
        {
            return SchemaFieldKind.Select;
        }

        return type switch
        {
            "string" when widget == "textarea" => SchemaFieldKind.MultilineText,
            "string" when ReadString(property, "format") == "date" => SchemaFieldKind.Date,
            "string" when ReadString(property, "format") == "date-time" => SchemaFieldKind.DateTime,
            "string" when ReadNumber(property, "maxLength") > MultilineThreshold => SchemaFieldKind.MultilineText,
            "string" => SchemaFieldKind.Text,
            "number" => SchemaFieldKind.Number,
            "integer" => SchemaFieldKind.Integer,
            "boolean" => SchemaFieldKind.Boolean,
            "array" when property["items"] is JsonObject items && ReadString(items, "type") == "string" => SchemaFieldKind.StringList,
            _ => SchemaFieldKind.Unsupported,
        };
    }

    private static string? ReadString(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? ReadNumber(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}
