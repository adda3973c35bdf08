using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Checks completion data against a task's <c>formSchema</c>, and reports every failing path.</summary>
public static class TaskFormValidator
{
    /// <summary>Returns the schema, parsed when it arrives as JSON text in a string, as a literal input may.</summary>
    public static JsonNode? Normalize(JsonNode? schema)
    {
        if (schema is JsonValue value && value.TryGetValue(out string? text))
        {
            try
            {
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) ?? schema;
            }
            catch (JsonException)
            {
                return schema;
            }
        }

        return schema;
    }

    /// <summary>
    /// Returns why <paramref name="schema"/> is not a usable JSON Schema, or <see langword="null"/> when it is one or is
    /// missing. Publishing and the UserTask use it, so that no task gets a form that no submission can satisfy.
    /// </summary>
    public static string? FindSchemaProblem(JsonNode? schema)
    {
        schema = Normalize(schema);
        if (schema is null)
        {
            return null;
        }

        if (schema is not JsonObject)
        {
            return $"'formSchema' must be a JSON Schema object such as {{\"type\": \"object\", \"required\": [\"amount\"]}}, not {schema.GetValueKind()}.";
        }

        try
        {
            JsonSchema.FromText(schema.ToJsonString()).Evaluate(JsonSerializer.SerializeToElement(new JsonObject()));
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"'formSchema' is not a valid JSON Schema: {exception.Message} Fix the schema, for example {{\"type\": \"object\", \"properties\": {{\"amount\": {{\"type\": \"number\"}}}}}}.";
        }
    }

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

        EvaluationResults results;
        try
        {
            var parsed = JsonSchema.FromText(schema.ToJsonString());
            var instance = JsonSerializer.SerializeToElement(data ?? new JsonObject());
            results = parsed.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Publishing rejects such schemas, so only a schema from an expression gets here. The reviewer cannot fix it.
            return [new TaskSchemaError(string.Empty, $"The task's formSchema is not a valid JSON Schema ({exception.Message}). Ask the process designer to fix it.")];
        }

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
