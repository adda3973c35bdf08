namespace ModelEngine.Workflows.Descriptors;

/// <summary>
/// A port of an activity: a flow port (an outcome that connections leave from) or an embedded port that contains a
/// child activity, such as a loop's body.
/// </summary>
public sealed record PortDescriptor(string Name, string DisplayName, string Type = PortDescriptor.FlowType)
{
    public const string FlowType = "Flow";
    public const string EmbeddedType = "Embedded";
}
