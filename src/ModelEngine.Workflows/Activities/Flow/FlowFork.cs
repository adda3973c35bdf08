using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>Sends a token through every branch at once.</summary>
[Activity("ModelEngine", "Branching", "Starts every branch at once.", Aliases = ["Elsa.FlowFork"], DisplayName = "Fork")]
public sealed class FlowFork : Activity
{
    [Input(Description = "The branch names, each an outcome.", UIHint = UIHints.DynamicOutcomes)]
    public Input<string[]>? Branches { get; set; }

    public override IReadOnlyList<string> GetOutcomes() => LiteralInputs.ReadStrings(Branches) ?? ["*"];

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = await context.EvaluateAsync(Branches, "branches") ?? [];
        await context.CompleteAsync(branches);
    }
}
