using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Composition;

namespace ModelEngine.Workflows.Activities.Composition;

/// <summary>
/// Starts an instance of another definition's published version as a child. The child is inserted in the commit of
/// the step that runs this activity, so a step that is rolled back and run again never starts a second child. When
/// the activity waits, it resumes once the child is Finished (its output becomes <see cref="Result"/>) or Cancelled
/// (the activity faults); a Faulted child keeps it waiting, because the child can still be retried.
/// </summary>
public abstract class ChildWorkflowActivity : Activity
{
    [Input(Description = "The definition id of the workflow to start. Its version published when this activity runs is used.", IsRequired = true, Order = 0)]
    public Input<string>? WorkflowDefinitionId { get; set; }

    [Input(Description = "The child's input, as a JSON object.", DefaultSyntax = "JavaScript", Order = 1)]
    public Input<object>? Input { get; set; }

    [Input(Description = "The child's correlation id. By default the child gets this instance's correlation id.", Order = 2)]
    public Input<string>? CorrelationId { get; set; }

    /// <summary>Whether the activity waits for the child to end. Each activity type sets its own default.</summary>
    public abstract Input<bool>? WaitForCompletion { get; set; }

    [Output(Description = "The child's output, once it finished. Set only when the activity waits.")]
    public Output<object>? Result { get; set; }

    [Output(Description = "The instance id of the child.")]
    public Output<string>? ChildInstanceId { get; set; }

    /// <summary>Whether the activity waits when <see cref="WaitForCompletion"/> is not set.</summary>
    protected abstract bool WaitsByDefault { get; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = await context.EvaluateAsync(WorkflowDefinitionId, "workflowDefinitionId");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            throw new WorkflowFaultException($"Activity '{Id}' ({Type}) has an empty 'workflowDefinitionId'. Set it to the definition id of the workflow to start.");
        }

        var input = await ChildWorkflows.EvaluateInputObjectAsync(context, Input, "input");
        var correlationId = await context.EvaluateAsync(CorrelationId, "correlationId");
        var wait = WaitForCompletion?.Expression is null ? WaitsByDefault : await context.EvaluateAsync(WaitForCompletion, "waitForCompletion");
        var workflow = await ChildWorkflows.ResolvePublishedAsync(context, definitionId);

        var childId = context.StartChildWorkflow(workflow, input, string.IsNullOrEmpty(correlationId) ? context.WorkflowContext.State.CorrelationId : correlationId, wait);
        context.SetOutput("childInstanceId", childId, ChildInstanceId);
        if (!wait)
        {
            await context.CompleteAsync();
        }
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var output = ChildWorkflows.ReadFinishedOutput(context);
        context.SetOutput("result", output, Result);
        await context.CompleteAsync();
    }

    protected internal override ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason)
    {
        ChildWorkflows.CancelWaitedChild(context);
        return default;
    }
}
