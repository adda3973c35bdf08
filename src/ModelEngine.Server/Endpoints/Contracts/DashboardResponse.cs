using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The dashboard: instances by status, daily throughput, overdue tasks and the activities that fault most.</summary>
public sealed record DashboardResponse(
    IReadOnlyList<InstanceStatusCount> InstancesByStatus,
    IReadOnlyList<DailyInstanceCounts> Throughput,
    OverdueTasksResponse OverdueTasks,
    IReadOnlyList<ActivityFaultCount> FaultingActivities);
