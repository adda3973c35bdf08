namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The response of a bulk operation: one result per task, in request order, and the counts.</summary>
public sealed record BulkTaskResponse(IReadOnlyList<BulkTaskResult> Results, int Succeeded, int Failed);
