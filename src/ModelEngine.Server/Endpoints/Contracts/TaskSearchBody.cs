namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/search</c>. Send either <c>offset</c> or <c>cursor</c>.</summary>
public sealed record TaskSearchBody(TaskFilterBody? Filter, TaskSortBody? Sort, int? PageSize, int? Offset, string? Cursor);
