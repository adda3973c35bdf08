using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>One case of a FlowSwitch: the outcome <see cref="Label"/> is taken when <see cref="Condition"/> is true.</summary>
public sealed class FlowSwitchCase : IHasExpressions
{
    public string Label { get; set; } = "";

    public Expression? Condition { get; set; }

    public IEnumerable<Expression> GetExpressions() => Condition is null ? [] : [Condition];
}
