namespace ModelEngine.Persistence.EntityFrameworkCore.Definitions;

/// <summary>A row of the WorkflowDefinitions table: one version of a definition.</summary>
internal sealed class WorkflowDefinitionEntity
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public required string ModelJson { get; set; }
}
