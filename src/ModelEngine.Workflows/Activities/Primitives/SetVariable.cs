using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Sets a workflow variable to the value of an expression.</summary>
[Activity("ModelEngine", "Primitives", "Sets a variable.", Aliases = ["Elsa.SetVariable"])]
public sealed class SetVariable : Activity
{
    /// <summary>The variable: a reference <c>{id, name}</c> as Elsa writes it, or a name.</summary>
    [Input(Description = "The variable to set.", UIHint = UIHints.VariablePicker, IsRequired = true)]
    public JsonNode? Variable { get; set; }

    [Input(Description = "The new value.", DefaultSyntax = "JavaScript")]
    public Input<object>? Value { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = Variable switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonObject reference => reference["name"]?.GetValue<string>() ?? reference["id"]?.GetValue<string>(),
            _ => null,
        };

        if (string.IsNullOrEmpty(name))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (SetVariable) names no variable. Pick a variable in its 'variable' input.");
        }

        var value = await context.EvaluateAsync(Value, "value");
        context.SetVariable(name, Models.JsonValueFactory.From(value));
        await context.CompleteAsync();
    }
}
