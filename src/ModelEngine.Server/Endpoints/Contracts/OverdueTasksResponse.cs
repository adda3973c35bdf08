namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The number of open tasks past their due date that the caller can see, and the most overdue of them.</summary>
public sealed record OverdueTasksResponse(long Count, IReadOnlyList<TaskResponse> Items);
