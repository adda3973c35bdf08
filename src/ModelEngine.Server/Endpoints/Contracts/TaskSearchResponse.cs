namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One page of a task search; <c>nextCursor</c> is null on the last page.</summary>
public sealed record TaskSearchResponse(IReadOnlyList<TaskResponse> Items, string? NextCursor, long TotalCount, TaskCountsResponse Counts);
