namespace ModelEngine.Workflows.Descriptors;

/// <summary>One output of an activity type, which a <c>memoryReference</c> can capture into a variable.</summary>
public sealed record OutputDescriptor(string Name, string TypeName, string DisplayName, string? Description = null);
