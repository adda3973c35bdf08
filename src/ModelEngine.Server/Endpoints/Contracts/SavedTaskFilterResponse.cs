using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A saved filter as its owner sees it.</summary>
public sealed record SavedTaskFilterResponse(
    string Id, string Name, JsonObject Filter, TaskSortBody Sort, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
