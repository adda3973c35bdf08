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
    /// Counts, for each UTC day from <paramref name="firstDay"/> for <paramref name="days"/> days, oldest first, the
    /// instances that started (WorkflowStarted entries), finished (WorkflowFinished entries) and faulted at least once
    /// (distinct instances with a WorkflowFaulted entry that day, so a fault, a retry and a second fault count once),
    /// with a zero row for each day without any.
    /// </summary>
    Task<IReadOnlyList<DailyInstanceCounts>> CountByDayAsync(
        DateOnly firstDay, int days, UserIdentity? visibleTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the activities with the most incidents (ActivityFaulted journal entries) at or after
    /// <paramref name="since"/>, most first, at most <paramref name="maxCount"/> of them. Every incident counts, also one
    /// that a retry later resolved, so an activity that failed twice in one instance counts 2.
    /// </summary>
    Task<IReadOnlyList<ActivityFaultCount>> ListFaultingActivitiesAsync(
        DateTimeOffset since, int maxCount, UserIdentity? visibleTo, CancellationToken cancellationToken = default);
}
