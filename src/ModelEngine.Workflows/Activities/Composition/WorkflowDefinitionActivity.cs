using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Composition;

/// <summary>
/// A published definition used as an activity in another definition, as Elsa's "usable as activity" option allows.
/// The loader creates it for an activity whose type is not registered and whose JSON names a
/// <c>workflowDefinitionId</c>. It runs like an ExecuteWorkflow that waits, on the version of that definition
/// published when the step runs. The activity's wrapped inputs become the child's input, and each property of the
/// child's output becomes an output of the activity.
/// </summary>
[Activity("ModelEngine", "Composition", "A published workflow definition used as an activity.", Kind = "Task", IsBrowsable = false)]
public sealed class WorkflowDefinitionActivity : Activity
{
    public const string TypeName = "ModelEngine.WorkflowDefinitionActivity";

    /// <summary>The JSON property that names the definition, as Elsa writes it.</summary>
    public const string DefinitionIdProperty = "workflowDefinitionId";

    /// <summary>The definition id of the workflow this activity runs.</summary>
    public string WorkflowDefinitionId { get; internal set; } = "";

    /// <summary>The child's inputs by name: the activity's wrapped input properties.</summary>
    public IReadOnlyDictionary<string, Input<object>> ChildInputs { get; internal set; } = new Dictionary<string, Input<object>>();

    /// <summary>Output bindings by output name, for outputs captured in a variable.</summary>
    public IReadOnlyDictionary<string, Output<object>> ChildOutputs { get; internal set; } = new Dictionary<string, Output<object>>();

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = new JsonObject();
        foreach (var (name, value) in ChildInputs)
        {
            input[name] = Models.JsonValueFactory.From(await context.EvaluateAsync(value, name));
        }

        var workflow = await ChildWorkflows.ResolvePublishedAsync(context, WorkflowDefinitionId);
        context.StartChildWorkflow(workflow, input, context.WorkflowContext.State.CorrelationId, wait: true);
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var output = ChildWorkflows.ReadFinishedOutput(context);
        foreach (var (name, value) in output)
        {
            context.SetOutput(name, value, ChildOutputs.GetValueOrDefault(name));
        }

        await context.CompleteAsync();
    }

    protected internal override ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason)
    {
        ChildWorkflows.CancelWaitedChild(context);
        return default;
    }
}
