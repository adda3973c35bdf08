using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>Reads the JSON-valued inputs of the FEL activities: variables, messages, documents and schemas.</summary>
internal static class FelInputs
{
    /// <summary>
    /// Converts an evaluated input to JSON. A string that starts with '{' or '[' is parsed, because a literal typed in
    /// the designer's JSON editor arrives as text.
    /// </summary>
    /// <exception cref="WorkflowFaultException">The string starts like JSON but is not valid JSON.</exception>
    public static JsonNode? AsJson(object? value, string describe)
    {
        var node = JsonValueFactory.From(value);
        if (node is not JsonValue text || !text.TryGetValue(out string? raw))
        {
            return node;
        }

        var trimmed = raw.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return node;
        }

        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException exception)
        {
            throw new WorkflowFaultException($"{describe} starts like JSON but is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>Reads template variables: a JSON object whose properties become the values of <c>{{name}}</c> placeholders.</summary>
    /// <exception cref="WorkflowFaultException">The value is not an object.</exception>
    public static Dictionary<string, object?> ReadVariables(object? value, string describe)
    {
        var node = AsJson(value, describe);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (node is null)
        {
            return variables;
        }

        if (node is not JsonObject values)
        {
            throw new WorkflowFaultException(
                $"{describe} must be an object of template values such as {{\"customerName\": \"Ada\"}}, not {node.GetValueKind()}.");
        }

        foreach (var (name, item) in values)
        {
            variables[name] = item?.DeepClone();
        }

        return variables;
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="variables"/>, turning a template error into an incident.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, object?> variables, string describe)
    {
        try
        {
            return PromptTemplate.Parse(template).Render(variables);
        }
        catch (PromptTemplateException exception)
        {
            throw new WorkflowFaultException($"{describe}: {exception.Message}");
        }
    }
}
