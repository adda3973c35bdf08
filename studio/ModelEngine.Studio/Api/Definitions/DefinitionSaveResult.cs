using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Definitions;

/// <summary>The response of save, publish and import: the version written and the problems found in it.</summary>
public sealed record DefinitionSaveResult
{
    public required string DefinitionId { get; init; }

    public required string Id { get; init; }

    public int Version { get; init; }

    public bool IsPublished { get; init; }

    public bool IsLatest { get; init; }

    public string? Name { get; init; }

    /// <summary>Each <c>{ activityId, property, value, message }</c>.</summary>
    public IReadOnlyList<JsonObject> Warnings { get; init; } = [];
}
