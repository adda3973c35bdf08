using Microsoft.AspNetCore.Mvc;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The result for one task of a bulk operation: the HTTP status the single call would have returned, the task after a
/// success, or the problem after a failure.
/// </summary>
public sealed record BulkTaskResult(string Id, int Status, TaskResponse? Task, ProblemDetails? Problem);
