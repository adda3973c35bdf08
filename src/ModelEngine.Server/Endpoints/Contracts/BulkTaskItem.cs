namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One task of a bulk operation, with the ETag to check as If-Match would.</summary>
public sealed record BulkTaskItem(string? Id, string? ETag = null);
