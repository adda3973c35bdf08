namespace ModelEngine.Waterflow;

/// <summary>The end of a branch that continues at a named node, returned by <c>To(id)</c>.</summary>
public sealed class FlowRoute
{
    internal FlowRoute(string targetId)
    {
        TargetId = targetId;
    }

    public string TargetId { get; }
}
