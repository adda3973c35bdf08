using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace ModelEngine.Studio.Features.Inbox.Forms;

/// <summary>
/// Checks form values against the schema keywords the task form supports (<c>required</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>, whole numbers), so that a user sees the error before
/// the server rejects the completion. The server checks the full JSON Schema again.
/// </summary>
public static class SchemaFormValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the first error of each invalid property, by property name; an empty map means the values are valid.</summary>
    public static IReadOnlyDictionary<string, string> Validate(
        IReadOnlyList<SchemaProperty> properties, JsonObject values, IStringLocalizer<InboxResources> localizer)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (Check(property, values[property.Name], localizer) is { } error)
            {
                errors[property.Name] = error;
            }
        }

        return errors;
    }

    private static string? Check(SchemaProperty property, JsonNode? value, IStringLocalizer<InboxResources> localizer)
    {
        if (IsEmpty(value))
        {
            return property.Required ? localizer["FieldRequired", property.Label].Value : null;
        }

        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number)
        {
            // A typed integer field contains a long, which GetValue<double> does not convert, so the number is read from its JSON text.
            var number = double.Parse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (property.Kind == SchemaFieldKind.Integer && Math.Abs(number % 1) > double.Epsilon)
            {
                return localizer["FieldWholeNumber", property.Label].Value;
            }

            if (property.Minimum is { } minimum && number < minimum)
            {
                return localizer["FieldMinimum", property.Label, Format(minimum)].Value;
            }

            if (property.Maximum is { } maximum && number > maximum)
            {
                return localizer["FieldMaximum", property.Label, Format(maximum)].Value;
            }
        }

        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var content = text.GetValue<string>();
            if (property.MinLength is { } minLength && content.Length < minLength)
            {
                return localizer["FieldMinLength", property.Label, minLength].Value;
            }

            if (property.MaxLength is { } maxLength && content.Length > maxLength)
            {
                return localizer["FieldMaxLength", property.Label, maxLength].Value;
            }

            if (property.Pattern is { } pattern && !Matches(content, pattern))
            {
                return localizer["FieldPattern", property.Label, pattern].Value;
            }
        }

        return null;
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetValue<string>()),
        JsonArray array => array.Count == 0,
        _ => false,
    };

    private static bool Matches(string value, string pattern)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot parse is left to the server's JSON Schema check.
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private static string Format(double number) => number.ToString(CultureInfo.CurrentCulture);
}
