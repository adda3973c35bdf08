using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>
/// Joins branches. WaitAll runs once each inbound connection has delivered a token or can no longer deliver one;
/// WaitAny runs on the first token and cancels the branches still heading here.
/// </summary>
[Activity("ModelEngine", "Branching", "Waits for branches to arrive.", Aliases = ["Elsa.FlowJoin"], DisplayName = "Join")]
public sealed class FlowJoin : Activity, IJoinActivity
{
    [Input(Description = "WaitAll waits for every live branch; WaitAny continues on the first.")]
    public Input<FlowJoinMode>? Mode { get; set; }

    public JoinMode GetJoinMode()
    {
        // An invalid literal is reported by validation; until it is fixed the join waits for all branches.
        var literal = Mode?.Expression is { Type: ExpressionTypes.Literal } expression ? expression.ValueAsText() : null;
        return Enum.TryParse<FlowJoinMode>(literal, ignoreCase: true, out var mode) && mode == FlowJoinMode.WaitAny ? JoinMode.WaitAny : JoinMode.WaitAll;
    }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}
