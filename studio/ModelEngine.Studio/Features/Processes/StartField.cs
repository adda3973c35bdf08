using System.Globalization;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Forms;

namespace ModelEngine.Studio.Features.Processes;

/// <summary>
/// One field of a start form: a workflow input from the definition's <c>inputs</c>, the value the user entered and
/// its conversion to the JSON value that dispatch sends.
/// </summary>
public sealed class StartField
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public string? Description { get; init; }

    /// <summary>The input's type name without its namespace, such as <c>String</c> or <c>Int32</c>.</summary>
    public required string TypeName { get; init; }

    public required StartFieldKind Kind { get; init; }

    /// <summary>For a <see cref="StartFieldKind.List"/>, the editor kind of each element.</summary>
    public StartFieldKind ElementKind { get; init; } = StartFieldKind.Text;

    /// <summary>How the text is read: the kind of the input's type or, for a list, of each element.</summary>
    public TypedInputKind InputKind => TypedInputParser.KindOf(TypeName.EndsWith("[]", StringComparison.Ordinal) ? TypeName[..^2] : TypeName);

    public bool Required { get; init; }

    /// <summary>The text the user typed, numbers included, kept as typed so that a rejected value stays in the box.</summary>
    public string? Text { get; set; }

    public bool Flag { get; set; }

    public DateTime? Date { get; set; }

    /// <summary>The validation message shown under the field, or <see langword="null"/>.</summary>
    public string? Error { get; set; }

    /// <summary>Reads the fields of a definition model's <c>inputs</c>, in order. Inputs without a name are skipped.</summary>
    public static IReadOnlyList<StartField> FromDefinition(JsonObject definition)
    {
        var fields = new List<StartField>();
        foreach (var input in (definition["inputs"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = ReadText(input["name"]);
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var typeName = ShortTypeName(ReadText(input["type"]) ?? "String");
            var isArray = ReadFlag(input["isArray"]) || typeName.EndsWith("[]", StringComparison.Ordinal);
            var elementKind = KindOf(typeName.TrimEnd('[', ']'));
            fields.Add(new StartField
            {
                Name = name,
                Label = ReadText(input["displayName"]) is { Length: > 0 } displayName ? displayName : name,
                Description = ReadText(input["description"]),
                TypeName = typeName,
                Kind = isArray ? StartFieldKind.List : elementKind,
                ElementKind = elementKind,
                Required = ReadFlag(input["isRequired"]) || ReadFlag(input["required"]),
            });
        }

        return fields;
    }

    /// <summary>Maps an input type name to its editor. Unknown types get a text field.</summary>
    public static StartFieldKind KindOf(string typeName) => TypedInputParser.KindOf(typeName) switch
    {
        var kind when TypedInputParser.IsInteger(kind) => StartFieldKind.Integer,
        var kind when TypedInputParser.IsNumber(kind) => StartFieldKind.Number,
        TypedInputKind.Boolean => StartFieldKind.Boolean,
        TypedInputKind.DateTime or TypedInputKind.Date => StartFieldKind.Date,
        var kind when TypedInputParser.IsJson(kind) => StartFieldKind.Json,
        _ => StartFieldKind.Text,
    };

    /// <summary>
    /// Converts the entered value to JSON and sets <see cref="Error"/> when it is missing or invalid. Returns
    /// <see langword="null"/> for an empty optional field, which the dispatch body leaves out. <paramref name="messages"/>
    /// gives the processes strings by key, and <paramref name="describe"/> words a parse error of this field.
    /// </summary>
    public JsonNode? ToJson(Func<string, string> messages, Func<TypedInputError, string> describe)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(describe);
        Error = null;
        switch (Kind)
        {
            case StartFieldKind.Boolean:
                return JsonValue.Create(Flag);
            case StartFieldKind.Date:
                return Date is { } date ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Missing(messages);
            case StartFieldKind.List:
                return ListToJson(messages, describe);
            default:
                return Read(InputKind, Text, messages, describe);
        }
    }

    // A list is typed as values separated by commas or as a JSON array. Elements that are JSON take the array form only.
    private JsonNode? ListToJson(Func<string, string> messages, Func<TypedInputError, string> describe)
    {
        var text = Text?.Trim() ?? string.Empty;
        if (text.StartsWith('[') || TypedInputParser.IsJson(InputKind))
        {
            return Read(TypedInputKind.JsonArray, text, messages, describe);
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return Missing(messages);
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            var result = TypedInputParser.Parse(InputKind, item);
            if (result.Error is { } error)
            {
                Error = describe(error);
                return null;
            }

            array.Add(result.Value);
        }

        return array;
    }

    private JsonNode? Read(TypedInputKind kind, string? text, Func<string, string> messages, Func<TypedInputError, string> describe)
    {
        var result = TypedInputParser.Parse(kind, text);
        if (result.Error is { } error)
        {
            Error = describe(error);
            return null;
        }

        return result.IsEmpty ? Missing(messages) : result.Value;
    }

    private JsonNode? Missing(Func<string, string> messages)
    {
        if (Required)
        {
            Error = messages("Required");
        }

        return null;
    }

    private static string ShortTypeName(string typeName)
    {
        var dot = typeName.LastIndexOf('.');
        return dot < 0 ? typeName : typeName[(dot + 1)..];
    }

    private static string? ReadText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool ReadFlag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
