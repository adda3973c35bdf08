namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A process-variable condition: <c>op</c> is equals (exact text) or contains (ignoring case).</summary>
public sealed record VariableFilterBody(string? Name, string? Op, string? Value);
