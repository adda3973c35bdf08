using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Ends the whole instance as Finished. Other branches are cancelled and their open tasks become Obsolete.</summary>
[Activity("ModelEngine", "Primitives", "Finishes the instance; open tasks become Obsolete.", Aliases = ["Elsa.Finish", "Elsa.Complete"])]
[FlowNode]
public sealed class Finish : Activity
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.FinishWorkflowAsync();
}
