using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>
/// Computes the dashboard's counts with GROUP BY queries, so that no instance or journal row is loaded. The journal
/// queries read the (EventName, Timestamp) index of JournalEntries.
/// </summary>
internal sealed class EfWorkflowStatistics : IWorkflowStatistics
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;

    public EfWorkflowStatistics(IDbContextFactory<ModelEngineDbContext> contextFactory)
    {
        _contextFactory = contextFactory;
    }

    public async Task<IReadOnlyList<InstanceStatusCount>> CountByStatusAsync(UserIdentity? visibleTo, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.WorkflowInstances.AsNoTracking();
        if (visibleTo is not null)
        {
            rows = rows.ReadableBy(context, visibleTo);
        }

        var groups = await rows
            .GroupBy(e => new { e.Status, e.SubStatus })
            .Select(g => new { g.Key.Status, g.Key.SubStatus, Count = g.LongCount() })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return groups
            .OrderBy(g => g.Status)
            .ThenBy(g => g.SubStatus)
            .Select(g => new InstanceStatusCount(g.Status, g.SubStatus, g.Count))
            .ToList();
    }

    public async Task<IReadOnlyList<DailyInstanceCounts>> CountByDayAsync(
        DateOnly firstDay, int days, UserIdentity? visibleTo, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var started = await CountEventsByDayAsync(context, JournalEvents.WorkflowStarted, start, days, visibleTo, cancellationToken).ConfigureAwait(false);
        var finished = await CountEventsByDayAsync(context, JournalEvents.WorkflowFinished, start, days, visibleTo, cancellationToken).ConfigureAwait(false);
        var faulted = await CountEventsByDayAsync(context, JournalEvents.WorkflowFaulted, start, days, visibleTo, cancellationToken, distinctInstances: true).ConfigureAwait(false);
        return Enumerable.Range(0, days)
            .Select(day => new DailyInstanceCounts(
                firstDay.AddDays(day),
                started.GetValueOrDefault(day),
                finished.GetValueOrDefault(day),
                faulted.GetValueOrDefault(day)))
            .ToList();
    }

    public async Task<IReadOnlyList<ActivityFaultCount>> ListFaultingActivitiesAsync(
        DateTimeOffset since, int maxCount, UserIdentity? visibleTo, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var eventName = JournalEvents.ActivityFaulted;
        var faults = context.JournalEntries.AsNoTracking()
            .Where(j => j.EventName == eventName && j.Timestamp >= since && j.ActivityId != null);
        var instances = context.WorkflowInstances.AsNoTracking();
        if (visibleTo is not null)
        {
            instances = instances.ReadableBy(context, visibleTo);
        }

        var groups = await faults
            .Join(instances, j => j.WorkflowInstanceId, i => i.Id, (j, i) => new { i.DefinitionId, j.ActivityId, j.ActivityType })
            .GroupBy(x => new { x.DefinitionId, x.ActivityId, x.ActivityType })
            .Select(g => new { g.Key.DefinitionId, g.Key.ActivityId, g.Key.ActivityType, Count = g.LongCount() })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.DefinitionId)
            .ThenBy(g => g.ActivityId)
            .Take(maxCount)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return groups.ConvertAll(g => new ActivityFaultCount(g.DefinitionId, g.ActivityId!, g.ActivityType, g.Count));
    }

    /// <summary>
    /// Counts one event's journal entries per day of the period, keyed by the day's index from 0. With
    /// <paramref name="distinctInstances"/>, counts the instances with at least one such entry that day instead.
    /// </summary>
    private static async Task<Dictionary<int, long>> CountEventsByDayAsync(
        ModelEngineDbContext context, string eventName, DateTimeOffset start, int days, UserIdentity? visibleTo, CancellationToken cancellationToken,
        bool distinctInstances = false)
    {
        var end = start.AddDays(days);
        var entries = context.JournalEntries.AsNoTracking()
            .Where(j => j.EventName == eventName && j.Timestamp >= start && j.Timestamp < end);
        if (visibleTo is not null)
        {
            var readableIds = context.WorkflowInstances.ReadableBy(context, visibleTo).Select(e => e.Id);
            entries = entries.Where(j => readableIds.Contains(j.WorkflowInstanceId));
        }

        var byDay = entries.GroupBy(DayIndex(start, days));
        var groups = distinctInstances
            ? await byDay
                .Select(g => new { Day = g.Key, Count = g.Select(j => j.WorkflowInstanceId).Distinct().LongCount() })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false)
            : await byDay
                .Select(g => new { Day = g.Key, Count = g.LongCount() })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        return groups.ToDictionary(g => g.Day, g => g.Count);
    }

    /// <summary>
    /// Builds <c>entry =&gt; entry.Timestamp &lt; day1 ? 0 : entry.Timestamp &lt; day2 ? 1 : ...</c>, which the
    /// providers translate to one CASE expression. SQLite stores times as ticks and the others as UTC date-times, so
    /// comparing with the day boundaries works on every provider where date arithmetic in SQL would not.
    /// </summary>
    private static Expression<Func<JournalEntryEntity, int>> DayIndex(DateTimeOffset start, int days)
    {
        var entry = Expression.Parameter(typeof(JournalEntryEntity), "entry");
        var timestamp = Expression.Property(entry, nameof(JournalEntryEntity.Timestamp));
        Expression index = Expression.Constant(days - 1);
        for (var day = days - 2; day >= 0; day--)
        {
            var dayEnd = Expression.Constant(start.AddDays(day + 1));
            index = Expression.Condition(Expression.LessThan(timestamp, dayEnd), Expression.Constant(day), index);
        }

        return Expression.Lambda<Func<JournalEntryEntity, int>>(index, entry);
    }
}
