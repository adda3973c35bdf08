using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Composition;

/// <summary>Starts a child instance of another definition in the background and, by default, continues at once.</summary>
[Activity("ModelEngine", "Composition", "Starts another workflow in the background.", Aliases = ["Elsa.DispatchWorkflow"])]
public sealed class DispatchWorkflow : ChildWorkflowActivity
{
    [Input(Description = "Whether to wait for the child to finish, as ExecuteWorkflow does.", DefaultValue = false, Order = 3)]
    public override Input<bool>? WaitForCompletion { get; set; }

    protected override bool WaitsByDefault => false;
}
