namespace ModelEngine.Workflows.Models;

/// <summary>A declared workflow input or output.</summary>
public sealed record WorkflowIoDefinition(
    string Name,
    string Type,
    string? DisplayName = null,
    string? Description = null,
    bool IsArray = false,
    string? UIHint = null);
