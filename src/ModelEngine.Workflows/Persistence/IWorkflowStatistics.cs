using ModelEngine.Workflows.Security;

namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Aggregate counts over instances and their journal for the dashboard, computed in the database. When
/// <c>visibleTo</c> is set, only the instances that user may read count: those they started and those with a task they
/// hold or are a candidate for. Admins and designers count every instance.
/// </summary>
public interface IWorkflowStatistics
{
    /// <summary>Counts instances by status and sub-status; pairs with no instance are left out.</summary>
    Task<IReadOnlyList<InstanceStatusCount>> CountByStatusAsync(UserIdentity? visibleTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the WorkflowStarted, WorkflowFinished and WorkflowFaulted journal entries of each UTC day from
    /// <paramref name="firstDay"/> for <paramref name="days"/> days, oldest first, with a zero row for each day without any.
    /// </summary>
    Task<IReadOnlyList<DailyInstanceCounts>> CountByDayAsync(
        DateOnly firstDay, int days, UserIdentity? visibleTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the activities with the most ActivityFaulted journal entries at or after <paramref name="since"/>, most
    /// first, at most <paramref name="maxCount"/> of them.
    /// </summary>
    Task<IReadOnlyList<ActivityFaultCount>> ListFaultingActivitiesAsync(
        DateTimeOffset since, int maxCount, UserIdentity? visibleTo, CancellationToken cancellationToken = default);
}
