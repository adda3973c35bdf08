using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The body of <c>POST /api/tasks/bulk/{operation}</c>: the tasks, and the input of the operation (<see cref="Assignee"/>
/// for reassign; <see cref="Outcome"/>, <see cref="Comment"/> and <see cref="Data"/> for complete).
/// </summary>
public sealed record BulkTaskRequest(
    IReadOnlyList<BulkTaskItem>? Tasks,
    string? Assignee = null,
    string? Outcome = null,
    string? Comment = null,
    JsonNode? Data = null,
    string? OnBehalfOf = null);
