using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Faults the instance with an incident carrying <see cref="Message"/>. Open tasks stay for a retry.</summary>
[Activity("ModelEngine", "Primitives", "Faults the instance with a message.", Aliases = ["Elsa.Fault"])]
[FlowNode]
public sealed class Fault : Activity
{
    [Input(Description = "The incident message.", UIHint = UIHints.MultiLine)]
    public Input<string>? Message { get; set; }

    [Input(Description = "An optional code that identifies the fault.")]
    public Input<string>? Code { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var message = await context.EvaluateAsync(Message, "message");
        var code = await context.EvaluateAsync(Code, "code");
        var text = string.IsNullOrWhiteSpace(message) ? "The workflow reached a Fault activity." : message;
        throw new WorkflowFaultException(code is null ? text : $"{code}: {text}");
    }
}
