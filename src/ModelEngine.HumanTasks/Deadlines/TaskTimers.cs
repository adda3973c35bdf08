using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Calendars;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>
/// Creates the durable timers of a task: its deadlines and its reminder. Each is a bookmark of the task's activity
/// instance with a due time, committed with the step that creates it. Its payload carries
/// <see cref="HumanTaskFactory.DueTaskIdProperty"/>, so <see cref="HumanTaskFactory.IsTimerOf"/> finds it and the
/// commit that ends the task removes it.
/// </summary>
public static class TaskTimers
{
    public const string DueKind = "due";
    public const string StartDeadlineKind = "startDeadline";
    public const string CompletionDeadlineKind = "completionDeadline";
    public const string ReminderKind = "reminder";

    internal const string ActionProperty = "action";
    internal const string TargetProperty = "target";
    internal const string OutcomeProperty = "outcome";
    internal const string EveryProperty = "every";
    internal const string RemainingProperty = "remaining";
    internal const string NumberProperty = "number";
    internal const string CalendarProperty = "calendar";

    /// <summary>Creates the deadline and reminder timers of <paramref name="task"/>, counted from its creation.</summary>
    internal static void Schedule(ActivityExecutionContext context, HumanTask task, TaskTimerSettings settings, BusinessCalendar? calendar)
    {
        if (settings.StartDeadline is { } start)
        {
            CreateDeadline(context, task, StartDeadlineKind, start, calendar);
        }

        if (settings.CompletionDeadline is { } completion)
        {
            CreateDeadline(context, task, CompletionDeadlineKind, completion, calendar);
        }

        if (settings.Reminder is { } reminder)
        {
            CreateReminder(context, task.Id, reminder.Every, remaining: reminder.Times - 1, number: 1, calendar, task.CreatedAt);
        }
    }

    /// <summary>Creates the reminder timer number <paramref name="number"/>, due <paramref name="every"/> after <paramref name="from"/>.</summary>
    internal static void CreateReminder(ActivityExecutionContext context, string taskId, TimeSpan every, int remaining, int number, BusinessCalendar? calendar, DateTimeOffset from)
    {
        var payload = new JsonObject
        {
            [HumanTaskFactory.DueTaskIdProperty] = taskId,
            [HumanTaskFactory.TimerKindProperty] = ReminderKind,
            [EveryProperty] = every.ToString("c"),
            [RemainingProperty] = remaining,
            [NumberProperty] = number,
            [CalendarProperty] = calendar?.Name,
        };
        context.CreateBookmark(payload, TaskTimerSettings.Add(calendar, from, every));
    }

    /// <summary>Creates a due-date timer of <paramref name="taskId"/> at <paramref name="dueAt"/>.</summary>
    internal static void CreateDue(ActivityExecutionContext context, string taskId, DateTimeOffset dueAt) =>
        context.CreateBookmark(new JsonObject { [HumanTaskFactory.DueTaskIdProperty] = taskId, [HumanTaskFactory.TimerKindProperty] = DueKind }, dueAt);

    /// <summary>
    /// Returns the business calendar named <paramref name="name"/>, or <see langword="null"/> for an empty name, which
    /// means wall-clock time. An unknown name faults the activity.
    /// </summary>
    internal static BusinessCalendar? ResolveCalendar(ActivityExecutionContext context, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var provider = context.Services.GetService<IBusinessCalendarProvider>();
        if (provider?.Find(name) is { } calendar)
        {
            return calendar;
        }

        var known = provider is null || provider.Names.Count == 0 ? "none is configured" : $"the configured ones are {string.Join(", ", provider.Names)}";
        throw new WorkflowFaultException(
            $"Activity '{context.Activity.Id}' (UserTask) names business calendar '{name}' in 'businessCalendar', but {known}. Add it under HumanTasks:Calendars:{name}, or clear 'businessCalendar' to count wall-clock time.");
    }

    private static void CreateDeadline(ActivityExecutionContext context, HumanTask task, string kind, TaskDeadline deadline, BusinessCalendar? calendar)
    {
        var payload = new JsonObject
        {
            [HumanTaskFactory.DueTaskIdProperty] = task.Id,
            [HumanTaskFactory.TimerKindProperty] = kind,
            [ActionProperty] = deadline.Action.ToString(),
            [TargetProperty] = deadline.Target,
            [OutcomeProperty] = deadline.Outcome,
        };
        context.CreateBookmark(payload, TaskTimerSettings.Add(calendar, task.CreatedAt, deadline.After));
    }
}
