using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Sets one output of the instance.</summary>
[Activity("ModelEngine", "Primitives", "Sets an output of the workflow.", Aliases = ["Elsa.SetOutput"])]
public sealed class SetOutput : Activity
{
    [Input(Description = "The name of the workflow output.", IsRequired = true)]
    public Input<string>? OutputName { get; set; }

    [Input(Description = "The value.", DefaultSyntax = "JavaScript")]
    public Input<object>? OutputValue { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(OutputName, "outputName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (SetOutput) has an empty 'outputName'.");
        }

        var value = await context.EvaluateAsync(OutputValue, "outputValue");
        context.WorkflowContext.State.Output[name] = Models.JsonValueFactory.From(value);
        await context.CompleteAsync();
    }
}
