using WorkflowCore.Interface;

namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>WorkflowCore's version of our straight-through flowchart: five steps in a row with the same inputs.</summary>
public sealed class StraightThroughWorkflow : IWorkflow<StraightThroughData>
{
    public const string WorkflowId = "straight-through";

    public string Id => WorkflowId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<StraightThroughData> builder)
    {
        builder
            .StartWith<EmptyStep>()
            .Then<ValueStep>()
                .Input(step => step.Value, data => "hello")
                .Output(data => data.Greeting, step => step.Value)
            .Then<WriteLineStep>()
                .Input(step => step.Text, data => "Benchmark instance started")
            .Then<ValueStep>()
                .Input(step => step.Value, data => "done")
                .Output(data => data.Result, step => step.Value)
            .Then<EmptyStep>();
    }
}
