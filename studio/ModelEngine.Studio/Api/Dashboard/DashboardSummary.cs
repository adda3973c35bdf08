namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>The response of <c>GET /api/dashboard</c>, scoped to what the caller may read.</summary>
public sealed record DashboardSummary
{
    public IReadOnlyList<StatusCount> InstancesByStatus { get; init; } = [];

    /// <summary>One entry per UTC day of the period, oldest first.</summary>
    public IReadOnlyList<ThroughputDay> Throughput { get; init; } = [];

    public OverdueTasks OverdueTasks { get; init; } = new();

    /// <summary>The activities with the most faults over the period, most first.</summary>
    public IReadOnlyList<FaultingActivity> FaultingActivities { get; init; } = [];
}
