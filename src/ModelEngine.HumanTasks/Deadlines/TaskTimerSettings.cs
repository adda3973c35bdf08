using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Calendars;

namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>
/// The timers a UserTask gives each of its tasks: due date, deadlines and reminder, counted in
/// <see cref="Calendar"/> when one is set. The activity keeps them between steps, for the next task of a sequential vote.
/// </summary>
internal sealed record TaskTimerSettings
{
    public TimeSpan? DueIn { get; init; }

    public TaskDeadline? StartDeadline { get; init; }

    public TaskDeadline? CompletionDeadline { get; init; }

    public TaskReminder? Reminder { get; init; }

    /// <summary>The name of the business calendar, or <see langword="null"/> for wall-clock time.</summary>
    public string? CalendarName { get; init; }

    public JsonObject ToJson() => new()
    {
        ["dueIn"] = DueIn?.ToString("c"),
        ["startDeadline"] = DeadlineToJson(StartDeadline),
        ["completionDeadline"] = DeadlineToJson(CompletionDeadline),
        ["reminder"] = Reminder is null ? null : new JsonObject { ["every"] = Reminder.Every.ToString("c"), ["times"] = Reminder.Times },
        ["calendar"] = CalendarName,
    };

    public static TaskTimerSettings FromJson(JsonObject? json)
    {
        if (json is null)
        {
            return new TaskTimerSettings();
        }

        return new TaskTimerSettings
        {
            DueIn = ReadSpan(json["dueIn"]),
            StartDeadline = DeadlineFromJson(json["startDeadline"] as JsonObject),
            CompletionDeadline = DeadlineFromJson(json["completionDeadline"] as JsonObject),
            Reminder = json["reminder"] is JsonObject reminder ? new TaskReminder(ReadSpan(reminder["every"])!.Value, reminder["times"]!.GetValue<int>()) : null,
            CalendarName = json["calendar"]?.GetValue<string>(),
        };
    }

    /// <summary>Adds <paramref name="span"/> to <paramref name="start"/> in <paramref name="calendar"/>, or in wall-clock time without one.</summary>
    public static DateTimeOffset Add(BusinessCalendar? calendar, DateTimeOffset start, TimeSpan span) =>
        calendar is null ? start + span : calendar.Add(start, span);

    private static JsonObject? DeadlineToJson(TaskDeadline? deadline) => deadline is null ? null : new JsonObject
    {
        ["after"] = deadline.After.ToString("c"),
        ["action"] = deadline.Action.ToString(),
        ["target"] = deadline.Target,
        ["outcome"] = deadline.Outcome,
    };

    private static TaskDeadline? DeadlineFromJson(JsonObject? json) => json is null ? null
        : new TaskDeadline(ReadSpan(json["after"])!.Value, Enum.Parse<DeadlineAction>(json["action"]!.GetValue<string>()))
        {
            Target = json["target"]?.GetValue<string>(),
            Outcome = json["outcome"]?.GetValue<string>(),
        };

    private static TimeSpan? ReadSpan(JsonNode? node) =>
        node?.GetValue<string>() is { } text ? TimeSpan.ParseExact(text, "c", System.Globalization.CultureInfo.InvariantCulture) : null;
}
