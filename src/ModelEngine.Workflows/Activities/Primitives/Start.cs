using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Marks where a flowchart starts.</summary>
[Activity("ModelEngine", "Primitives", "Marks where the flowchart starts.", Aliases = ["Elsa.Start"])]
public sealed class Start : Activity
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}
