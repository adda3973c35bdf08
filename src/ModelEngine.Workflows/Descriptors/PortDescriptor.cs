namespace ModelEngine.Workflows.Descriptors;

/// <summary>A flow port (an outcome) that connections leave from.</summary>
public sealed record PortDescriptor(string Name, string DisplayName);
