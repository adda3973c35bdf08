using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>An open RunTask: its id (the bookmark id), the task name and payload its activity evaluated, and its instance.</summary>
public sealed record RunTaskResponse(string Id, string? TaskName, JsonNode? Payload, string WorkflowInstanceId, DateTimeOffset CreatedAt);
