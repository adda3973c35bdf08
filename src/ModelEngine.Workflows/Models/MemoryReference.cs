namespace ModelEngine.Workflows.Models;

/// <summary>A reference to a variable by its id (Elsa's <c>memoryReference</c>).</summary>
public sealed record MemoryReference(string Id);
