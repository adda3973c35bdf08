using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>Leaves through <c>True</c> or <c>False</c>, depending on a condition.</summary>
[Activity("ModelEngine", "Branching", "Goes True or False depending on a condition.", Aliases = ["Elsa.FlowDecision"], DisplayName = "Decision")]
[FlowNode("True", "False")]
public sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to test.", DefaultSyntax = "JavaScript", IsRequired = true)]
    public Input<bool>? Condition { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await context.EvaluateAsync(Condition, "condition");
        await context.CompleteAsync(result ? "True" : "False");
    }
}
