namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>A port of an activity type: a <c>Flow</c> port is an outcome, an <c>Embedded</c> port contains a child activity.</summary>
public sealed record PortDescriptor(string Name, string? DisplayName, string Type = PortDescriptor.FlowType)
{
    public const string FlowType = "Flow";
    public const string EmbeddedType = "Embedded";
}
