namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>A row of the SavedTaskFilters table.</summary>
internal sealed class SavedTaskFilterEntity
{
    public required string Id { get; set; }

    public required string Owner { get; set; }

    public required string Name { get; set; }

    public required string FilterJson { get; set; }

    public string? Sort { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
