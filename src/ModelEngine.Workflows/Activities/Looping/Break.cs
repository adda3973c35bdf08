using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Looping;

/// <summary>Ends the nearest enclosing loop; the flow continues after the loop.</summary>
[Activity("ModelEngine", "Looping", "Ends the enclosing loop.", Aliases = ["Elsa.Break"])]
[FlowNode]
public sealed class Break : Activity
{
    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (!await context.BreakLoopAsync())
        {
            throw new WorkflowFaultException($"Activity '{Id}' (Break) is not inside a While or ForEach loop.");
        }
    }
}
