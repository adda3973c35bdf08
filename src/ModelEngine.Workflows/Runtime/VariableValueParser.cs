using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Runtime;

/// <summary>Parses a variable's initial value, which definitions store as text, into JSON of the variable's type.</summary>
internal static class VariableValueParser
{
    public static JsonNode? Parse(VariableDefinition variable)
    {
        var text = variable.Value;
        if (text is null)
        {
            return null;
        }

        switch (variable.TypeName)
        {
            case "String":
                return JsonValue.Create(text);

            case "Boolean":
                return bool.TryParse(text, out var flag) ? JsonValue.Create(flag) : null;

            case "Int32" or "Int64" or "Decimal" or "Double" or "Single" or "Number":
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
