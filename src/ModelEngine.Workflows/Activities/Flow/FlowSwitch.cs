using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>
/// Leaves through the label of the first matching case, or of every matching case in <see cref="SwitchMode.MatchAny"/>
/// mode, or through <c>Default</c> when none matches.
/// </summary>
[Activity("ModelEngine", "Branching", "Goes through the outcome of the matching case.", Aliases = ["Elsa.FlowSwitch"], DisplayName = "Switch")]
[FlowNode("Default")]
public sealed class FlowSwitch : Activity
{
    public const string DefaultOutcome = "Default";

    [Input(Description = "Cases, each a label and a condition.", UIHint = UIHints.FlowSwitchEditor)]
    public List<FlowSwitchCase> Cases { get; set; } = [];

    [Input(Description = "MatchFirst takes the first matching case; MatchAny takes every matching case.")]
    public Input<SwitchMode>? Mode { get; set; }

    public override IReadOnlyList<string> GetOutcomes() => [.. Cases.Select(@case => @case.Label), DefaultOutcome];

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var mode = await context.EvaluateAsync(Mode, "mode");
        var matched = new List<string>();
        foreach (var @case in Cases)
        {
            if (@case.Condition is null || !await context.EvaluateAsync<bool>(@case.Condition, $"cases[{@case.Label}]"))
            {
                continue;
            }

            matched.Add(@case.Label);
            if (mode == SwitchMode.MatchFirst)
            {
                break;
            }
        }

        await context.CompleteAsync(matched.Count > 0 ? matched : [DefaultOutcome]);
    }
}
