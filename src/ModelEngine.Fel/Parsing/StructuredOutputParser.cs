using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// Parses a model's output as JSON (tolerant of markdown fences and prose) and validates it against a JSON Schema.
/// A mismatch throws a <see cref="FelParseException"/> that names every failing path, its value and the rule.
/// </summary>
public sealed class StructuredOutputParser
{
    private readonly JsonSchema _schema;

    /// <summary>Creates a parser for the schema in <paramref name="schemaJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a valid JSON Schema.</exception>
    public StructuredOutputParser(string schemaJson)
        : this(ParseSchemaNode(schemaJson))
    {
    }

    /// <summary>Creates a parser for the schema <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The node is not a valid JSON Schema.</exception>
    public StructuredOutputParser(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema.DeepClone();
        try
        {
            // A private registry, so two parsers for schemas with the same $id do not collide.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            _schema = JsonSchema.Build(JsonSerializer.SerializeToElement(Schema), options);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ArgumentException($"The JSON Schema is invalid: {exception.Message} Fix the schema text.", nameof(schema), exception);
        }
    }

    /// <summary>The JSON Schema the output must match.</summary>
    public JsonNode Schema { get; }

    /// <summary>The instruction to put in a prompt so the model answers with JSON that matches <see cref="Schema"/>.</summary>
    public string FormatInstructions => JsonFormatInstructions.Create(Schema);

    /// <summary>Creates a parser whose schema is generated from <typeparamref name="T"/> by Microsoft.Extensions.AI.</summary>
    public static StructuredOutputParser For<T>(JsonSerializerOptions? options = null)
    {
        var element = AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: options ?? JsonSerializerOptions.Web);
        return new StructuredOutputParser(JsonNode.Parse(element.GetRawText())!);
    }

    /// <summary>Parses the JSON value out of <paramref name="output"/> and validates it.</summary>
    /// <exception cref="FelParseException">The output has no JSON value, or the value does not match the schema.</exception>
    public JsonNode? Parse(string output)
    {
        var node = JsonOutputParser.Parse(output);
        var errors = Validate(node);
        if (errors.Count > 0)
        {
            throw new FelParseException(output, errors);
        }

        return node;
    }

    /// <summary>Parses and validates the output, then deserializes it to <typeparamref name="T"/>.</summary>
    /// <exception cref="FelParseException">The output has no JSON value, does not match the schema, or does not fit <typeparamref name="T"/>.</exception>
    public T Parse<T>(string output, JsonSerializerOptions? options = null)
    {
        Parse(output);
        return JsonOutputParser.Parse<T>(output, options);
    }

    /// <summary>Returns every schema violation of <paramref name="value"/>, or an empty list when it matches.</summary>
    public IReadOnlyList<FelParseError> Validate(JsonNode? value)
    {
        var element = JsonSerializer.SerializeToElement(value);
        var results = _schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<FelParseError>();
        Collect(results, value, errors);
        if (results.Details is not null)
        {
            foreach (var detail in results.Details)
            {
                Collect(detail, value, errors);
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new FelParseError(string.Empty, value?.ToJsonString(), "schema", "The value does not match the schema."));
        }

        return errors;
    }

    private static void Collect(EvaluationResults result, JsonNode? root, List<FelParseError> errors)
    {
        if (result.Errors is null)
        {
            return;
        }

        var path = result.InstanceLocation.ToString();
        var value = Resolve(root, path, out var found) ? found?.ToJsonString() ?? "null" : null;
        foreach (var (rule, message) in result.Errors)
        {
            errors.Add(new FelParseError(path, value, rule, message));
        }
    }

    /// <summary>Finds the node at a JSON Pointer (RFC 6901). Returns false when a segment does not exist.</summary>
    internal static bool Resolve(JsonNode? root, string pointer, out JsonNode? node)
    {
        node = root;
        if (pointer.Length == 0 || pointer == "#")
        {
            return true;
        }

        foreach (var raw in pointer.TrimStart('#').Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count:
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    private static JsonNode ParseSchemaNode(string schemaJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        try
        {
            return JsonNode.Parse(schemaJson) ?? throw new ArgumentException("The JSON Schema is the literal null. Pass a schema object.", nameof(schemaJson));
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The JSON Schema is not valid JSON: {exception.Message}", nameof(schemaJson), exception);
        }
    }
}
