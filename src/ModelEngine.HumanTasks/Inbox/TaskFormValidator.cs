using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Checks completion data against a task's <c>formSchema</c>, and reports every failing path.</summary>
public static class TaskFormValidator
{
    /// <summary>
    /// Returns the failed checks of <paramref name="data"/> against <paramref name="schema"/>, or an empty list when the
    /// data satisfies it or there is no schema. Missing data is checked as an empty object.
    /// </summary>
    public static IReadOnlyList<TaskSchemaError> Validate(JsonNode? schema, JsonNode? data)
    {
        if (schema is null)
        {
            return [];
        }

        JsonSchema parsed;
        try
        {
            parsed = JsonSchema.FromText(schema.ToJsonString());
        }
        catch (JsonException exception)
        {
            // The schema came from the definition, so the reviewer cannot fix it: report it as the form's problem.
            return [new TaskSchemaError(string.Empty, $"The task's formSchema is not a valid JSON Schema ({exception.Message}). Ask the process designer to fix it.")];
        }

        var instance = JsonSerializer.SerializeToElement(data ?? new JsonObject());
        var results = parsed.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<TaskSchemaError>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } messages)
            {
                continue;
            }

            foreach (var message in messages.Values)
            {
                errors.Add(new TaskSchemaError(detail.InstanceLocation.ToString(), message));
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new TaskSchemaError(string.Empty, "The data does not satisfy the task's formSchema."));
        }

        return errors.Distinct().ToList();
    }
}
