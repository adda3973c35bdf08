namespace ModelEngine.Studio.Api.Definitions;

/// <summary>A definition version in the list shape of <c>GET /api/workflow-definitions</c>.</summary>
public sealed record DefinitionSummary
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public int Version { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool IsLatest { get; init; }

    public bool IsPublished { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
