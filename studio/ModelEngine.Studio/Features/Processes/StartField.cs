using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    public bool Required { get; init; }

    public string? Text { get; set; }

    public decimal? Number { get; set; }

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
    public static StartFieldKind KindOf(string typeName) => ShortTypeName(typeName) switch
    {
        "Int16" or "Int32" or "Int64" or "Byte" => StartFieldKind.Integer,
        "Decimal" or "Double" or "Single" => StartFieldKind.Number,
        "Boolean" => StartFieldKind.Boolean,
        "DateTime" or "DateTimeOffset" or "DateOnly" => StartFieldKind.Date,
        "Object" or "ExpandoObject" or "JsonObject" or "JsonNode" or "JsonElement" => StartFieldKind.Json,
        _ => StartFieldKind.Text,
    };

    /// <summary>
    /// Converts the entered value to JSON and sets <see cref="Error"/> when it is missing or invalid. Returns
    /// <see langword="null"/> for an empty optional field, which the dispatch body leaves out.
    /// </summary>
    public JsonNode? ToJson(Func<string, string> messages)
    {
        Error = null;
        switch (Kind)
        {
            case StartFieldKind.Boolean:
                return JsonValue.Create(Flag);
            case StartFieldKind.Integer or StartFieldKind.Number:
                if (Number is not { } number)
                {
                    return Missing(messages);
                }

                if (Kind == StartFieldKind.Integer && number != decimal.Truncate(number))
                {
                    Error = messages("WholeNumberRequired");
                    return null;
                }

                return Kind == StartFieldKind.Integer ? JsonValue.Create((long)number) : JsonValue.Create(number);
            case StartFieldKind.Date:
                return Date is { } date ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Missing(messages);
            case StartFieldKind.Json:
                if (string.IsNullOrWhiteSpace(Text))
                {
                    return Missing(messages);
                }

                try
                {
                    return JsonNode.Parse(Text);
                }
                catch (JsonException exception)
                {
                    Error = string.Format(CultureInfo.CurrentCulture, messages("InvalidJson"), exception.Message);
                    return null;
                }

            case StartFieldKind.List:
                return ListToJson(messages);
            default:
                return string.IsNullOrEmpty(Text) ? Missing(messages) : JsonValue.Create(Text);
        }
    }

    private JsonNode? ListToJson(Func<string, string> messages)
    {
        var items = (Text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return Missing(messages);
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            JsonNode? value = ElementKind switch
            {
                StartFieldKind.Integer when long.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
                StartFieldKind.Number when decimal.TryParse(item, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                StartFieldKind.Boolean when bool.TryParse(item, out var flag) => JsonValue.Create(flag),
                StartFieldKind.Integer or StartFieldKind.Number or StartFieldKind.Boolean => null,
                _ => JsonValue.Create(item),
            };
            if (value is null)
            {
                Error = string.Format(CultureInfo.CurrentCulture, messages("InvalidListItem"), item, TypeName);
                return null;
            }

            array.Add(value);
        }

        return array;
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
