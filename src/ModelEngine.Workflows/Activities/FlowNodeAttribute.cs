namespace ModelEngine.Workflows.Activities;

/// <summary>Declares the flow outcomes (ports) of an activity. Without it an activity has the one outcome <c>Done</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FlowNodeAttribute : Attribute
{
    public FlowNodeAttribute(params string[] outcomes)
    {
        Outcomes = outcomes;
    }

    public IReadOnlyList<string> Outcomes { get; }
}
