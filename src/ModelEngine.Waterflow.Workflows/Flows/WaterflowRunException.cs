namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>A node of a flow failed on an item and no error handler of the flow recovered it.</summary>
public sealed class WaterflowRunException : Exception
{
    public WaterflowRunException(string flowName, IReadOnlyList<Exception> failures)
        : base($"Waterflow flow '{flowName}' failed on {failures.Count} item(s): {failures[0].Message}", failures[0])
    {
        FlowName = flowName;
        Failures = failures;
    }

    public string FlowName { get; }

    public IReadOnlyList<Exception> Failures { get; }
}
