namespace ModelEngine.Workflows.Persistence;

/// <summary>A definition version as listed, without its model.</summary>
public sealed record WorkflowDefinitionSummary(
    string Id,
    string DefinitionId,
    int Version,
    string? Name,
    string? Description,
    bool IsLatest,
    bool IsPublished,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
