using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Reads a model's response as JSON, tolerating a markdown code fence or text around the JSON, and checks it against an
/// optional JSON Schema. Text that contains no valid JSON, or JSON that fails the schema, faults the instance with the
/// parser's message.
/// </summary>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Reads a model's response as JSON and checks it against a JSON Schema.", DisplayName = "Parse")]
public sealed class Parse : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Parse";

    [Input(Description = "The text to read, usually a Generate activity's text.", UIHint = UIHints.MultiLine, IsRequired = true, Order = 0)]
    public Input<string>? Text { get; set; }

    [Input(Description = "An optional JSON Schema the value must satisfy, such as {\"type\": \"object\", \"required\": [\"sentiment\"]}.",
        UIHint = UIHints.JsonEditor, Order = 1)]
    public Input<object>? Schema { get; set; }

    [Output(Description = "The parsed JSON value.")]
    public Output<object>? Value { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Parse)";
        var text = await context.EvaluateAsync(Text, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new WorkflowFaultException($"{describe} has an empty 'text'. Set it to the JSON to read, such as a Generate activity's text.");
        }

        var schema = FelInputs.AsJson(await context.EvaluateAsync(Schema, "schema"), $"{describe} input 'schema'");
        if (schema is not null and not JsonObject)
        {
            throw new WorkflowFaultException($"{describe} input 'schema' must be a JSON Schema object, not {schema.GetValueKind()}.");
        }

        JsonNode? value;
        try
        {
            value = schema is null ? JsonOutputParser.Parse(text) : new StructuredOutputParser(schema).Parse(text);
        }
        catch (FelParseException exception)
        {
            throw new WorkflowFaultException($"{describe}: {exception.Message}");
        }

        context.SetOutput("value", value, Value);
        await context.CompleteAsync();
    }
}
