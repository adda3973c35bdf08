using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Filters;

/// <summary>A named task search that a user keeps: the filter as the search request's JSON, and the sort as text.</summary>
public sealed record SavedTaskFilter
{
    public required string Id { get; init; }

    /// <summary>The user who saved the filter; only they see and change it.</summary>
    public required string Owner { get; init; }

    /// <summary>The name, unique among the owner's filters.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>filter</c> object of a search request.</summary>
    public required JsonObject Filter { get; init; }

    /// <summary>The sort, such as <c>dueAt:asc</c>, or <see langword="null"/> for the default order.</summary>
    public string? Sort { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
