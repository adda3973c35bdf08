using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Ends its branch. The flowchart completes once its other branches have ended too.</summary>
[Activity("ModelEngine", "Primitives", "Ends this branch; other branches run on.", Aliases = ["Elsa.End"])]
[FlowNode]
public sealed class End : Activity
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}
