using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>A step that does nothing and continues, like our Start and End activities.</summary>
public sealed class EmptyStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}
