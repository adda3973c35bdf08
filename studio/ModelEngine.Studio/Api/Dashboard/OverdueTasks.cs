namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>The number of overdue open tasks the caller can see, and the most overdue of them.</summary>
public sealed record OverdueTasks
{
    public int Count { get; init; }

    public IReadOnlyList<OverdueTask> Items { get; init; } = [];
}
