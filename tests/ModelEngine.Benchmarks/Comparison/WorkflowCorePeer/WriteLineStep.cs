using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>A step that appends a line to the instance data, as our WriteLine appends a journal record.</summary>
public sealed class WriteLineStep : StepBody
{
    public string? Text { get; set; }

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        ((StraightThroughData)context.Workflow.Data).Journal.Add(Text ?? "");
        return ExecutionResult.Next();
    }
}
