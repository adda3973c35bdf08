using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>
/// Describes a definition whose <c>options.usableAsActivity</c> is <see langword="true"/> (Elsa 3's flag) as an
/// activity type: its type name is the definition id, its inputs and outputs are the definition's <c>inputs</c> and
/// <c>outputs</c>.
/// </summary>
public static class DefinitionActivityDescriber
{
    /// <summary>The toolbox category of definitions used as activities.</summary>
    public const string Category = "Workflows";

    /// <summary>Returns whether a definition model sets <c>options.usableAsActivity</c>.</summary>
    public static bool IsUsableAsActivity(JsonObject model) =>
        Property(model, "options") is JsonObject options
        && Property(options, "usableAsActivity") is JsonValue flag
        && flag.GetValueKind() == JsonValueKind.True;

    /// <summary>Returns the descriptor of a stored version, or <see langword="null"/> when it is not usable as an activity.</summary>
    public static ActivityDescriptor? Describe(WorkflowDefinitionRecord record)
    {
        if (JsonNode.Parse(record.ModelJson) is not JsonObject model || !IsUsableAsActivity(model))
        {
            return null;
        }

        return new ActivityDescriptor
        {
            TypeName = record.DefinitionId,
            Namespace = Category,
            Name = record.DefinitionId,
            DisplayName = record.Name ?? record.DefinitionId,
            Category = Category,
            Description = record.Description,
            Version = record.Version,
            Kind = "Task",
            Inputs = (Property(model, "inputs") as JsonArray ?? []).OfType<JsonObject>().Select(DescribeInput).OfType<InputDescriptor>().ToArray(),
            Outputs = (Property(model, "outputs") as JsonArray ?? []).OfType<JsonObject>().Select(DescribeOutput).OfType<OutputDescriptor>().ToArray(),
            Ports = [new PortDescriptor("Done", "Done")],
            WorkflowDefinitionId = record.DefinitionId,
        };
    }

    private static InputDescriptor? DescribeInput(JsonObject input)
    {
        if (Text(input, "name") is not { Length: > 0 } name)
        {
            return null;
        }

        return new InputDescriptor
        {
            Name = name,
            TypeName = Text(input, "type") ?? Text(input, "typeName") ?? "Object",
            DisplayName = Text(input, "displayName") ?? name,
            Description = Text(input, "description"),
            Category = Text(input, "category"),
            UIHint = Text(input, "uiHint") ?? UIHints.SingleLine,
            IsWrapped = true,
            DefaultSyntax = "Literal",
            DefaultValue = Property(input, "defaultValue")?.DeepClone(),
        };
    }

    private static OutputDescriptor? DescribeOutput(JsonObject output) =>
        Text(output, "name") is { Length: > 0 } name
            ? new OutputDescriptor(name, Text(output, "type") ?? Text(output, "typeName") ?? "Object", Text(output, "displayName") ?? name, Text(output, "description"))
            : null;

    private static JsonNode? Property(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) ? node
        : json.TryGetPropertyValue(char.ToUpperInvariant(name[0]) + name[1..], out node) ? node
        : null;

    private static string? Text(JsonObject json, string name) =>
        Property(json, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
