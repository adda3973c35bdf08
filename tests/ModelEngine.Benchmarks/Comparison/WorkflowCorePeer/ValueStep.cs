using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>A step that passes its input on as its output, mapped into the data like our SetVariable and SetOutput.</summary>
public sealed class ValueStep : StepBody
{
    public string? Value { get; set; }

    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}
