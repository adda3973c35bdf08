using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body that creates or replaces a saved filter: a name, a search filter and an optional sort.</summary>
public sealed record SavedTaskFilterBody(string? Name, JsonObject? Filter, TaskSortBody? Sort);
