namespace ModelEngine.Workflows.Models;

/// <summary>
/// A workflow variable as declared in a definition. <see cref="Value"/> is the initial value as text, parsed into
/// <see cref="TypeName"/> when an instance starts, as Elsa stores it.
/// </summary>
public sealed record VariableDefinition(string Id, string Name, string TypeName, bool IsArray, string? Value);
