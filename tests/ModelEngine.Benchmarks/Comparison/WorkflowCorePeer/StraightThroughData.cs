namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>The data of one WorkflowCore instance: the variable, journal and output that our flowchart writes.</summary>
public sealed class StraightThroughData
{
    public string? Greeting { get; set; }

    public List<string> Journal { get; } = [];

    public string? Result { get; set; }
}
