using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// A commit change with the instance's variables as they were when a task was created, kept for variable filters.
/// Later changes to the variables do not reach it. Each value is kept as text: a string as it is, any other value as its
/// JSON text, cut to <see cref="MaxValueLength"/> characters.
/// </summary>
public sealed record HumanTaskVariables(string TaskId, string WorkflowInstanceId, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The longest variable text kept; longer values are cut, so an equals filter on them finds nothing.</summary>
    public const int MaxValueLength = 400;

    /// <summary>The longest variable name kept; variables with longer names are left out.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Captures the variables of <paramref name="task"/>'s instance from <paramref name="variables"/>.</summary>
    public static HumanTaskVariables Capture(HumanTask task, JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            if (name.Length is 0 or > MaxNameLength)
            {
                continue;
            }

            values[name] = ToText(value);
        }

        return new HumanTaskVariables(task.Id, task.WorkflowInstanceId, values);
    }

    /// <summary>The text that filters compare: a string as it is, anything else as compact JSON, cut to <see cref="MaxValueLength"/>.</summary>
    public static string ToText(JsonNode? value)
    {
        var text = value switch
        {
            null => "null",
            JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
            _ => value.ToJsonString(),
        };
        return text.Length > MaxValueLength ? text[..MaxValueLength] : text;
    }

    /// <summary>The form that <see cref="VariableFilterOperator.Contains"/> compares, so that it ignores case.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant();
    }
}
