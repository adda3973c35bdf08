using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Composition;

/// <summary>Starts a child instance of another definition and, by default, waits for its output.</summary>
[Activity("ModelEngine", "Composition", "Runs another workflow as a child and waits for its output.", Aliases = ["Elsa.ExecuteWorkflow"], Kind = "Task")]
public sealed class ExecuteWorkflow : ChildWorkflowActivity
{
    public const string TypeName = "ModelEngine.ExecuteWorkflow";

    [Input(Description = "Whether to wait for the child to finish. Without waiting, the activity completes once the child is started.", DefaultValue = true, Order = 3)]
    public override Input<bool>? WaitForCompletion { get; set; }

    protected override bool WaitsByDefault => true;
}
