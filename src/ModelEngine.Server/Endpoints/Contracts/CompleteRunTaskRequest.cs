using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/run-tasks/{id}/complete</c>: the result that the RunTask activity outputs.</summary>
public sealed record CompleteRunTaskRequest(JsonNode? Result);
