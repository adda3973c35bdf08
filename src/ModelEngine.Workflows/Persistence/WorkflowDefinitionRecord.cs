namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// One stored version of a definition. <see cref="Id"/> is the version id and <see cref="DefinitionId"/> is shared by
/// all versions. <see cref="ModelJson"/> is the whole definition in Elsa 3's JSON shape, kept as given so that unknown
/// activity types and designer metadata round-trip.
/// </summary>
public sealed record WorkflowDefinitionRecord
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required int Version { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool IsLatest { get; init; }

    public bool IsPublished { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public required string ModelJson { get; init; }

    /// <summary>Creates the list item of this version, without its model.</summary>
    public WorkflowDefinitionSummary ToSummary() =>
        new(Id, DefinitionId, Version, Name, Description, IsLatest, IsPublished, CreatedAt, UpdatedAt);
}
