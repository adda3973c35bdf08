namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// One page of instances, the total number of matching instances, and the cursor of the next page, which is
/// <see langword="null"/> when this page was not full.
/// </summary>
public sealed record InstanceListResponse(IReadOnlyList<WorkflowInstanceSummaryResponse> Items, long TotalCount, string? NextCursor);
