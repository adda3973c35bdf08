namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The sizes of the caller's views: open tasks they hold, open tasks of their groups, and visible overdue tasks.</summary>
public sealed record TaskCountsResponse(long Mine, long MyGroups, long Overdue);
