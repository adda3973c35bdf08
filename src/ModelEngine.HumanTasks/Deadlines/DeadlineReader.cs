using ModelEngine.HumanTasks.Activities;

namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>Reads and checks the UserTask inputs <c>startDeadline</c>, <c>completionDeadline</c> and <c>reminder</c>.</summary>
internal static class DeadlineReader
{
    public const string StartDeadlineInput = "startDeadline";
    public const string CompletionDeadlineInput = "completionDeadline";
    public const string ReminderInput = "reminder";

    private const string DeadlineExample = "{\"after\": \"PT8H\", \"action\": \"Notify\", \"target\": \"group:leads\"}";
    private const string ReminderExample = "{\"every\": \"P1D\", \"times\": 3}";

    /// <summary>
    /// Returns the deadline, or <see langword="null"/> when the input is empty or has errors. <paramref name="outcomes"/>
    /// are the task's outcomes when they are known, to check the outcome of a Complete action.
    /// </summary>
    public static TaskDeadline? ReadDeadline(InputJson reader, object? value, string input, IReadOnlyList<string>? outcomes)
    {
        var source = reader.ReadObject(value, input, DeadlineExample);
        if (source is null)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var after = reader.ReadDuration(source, input, "after");
        var actionText = reader.ReadString(source, input, "action");
        var target = reader.ReadString(source, input, "target");
        var outcome = reader.ReadString(source, input, "outcome");

        if (after is null && reader.ErrorCount == before)
        {
            reader.Add($"{input}.after", null, $"'{input}.after' is missing. Set how long after the task's creation the deadline fires, such as PT8H.");
        }
        else if (after is { } span && span <= TimeSpan.Zero)
        {
            reader.Add($"{input}.after", span.ToString(), $"'{input}.after' is {span}, but it must be positive, such as PT8H.");
        }

        var action = DeadlineAction.Notify;
        if (actionText is null)
        {
            reader.Add($"{input}.action", null, $"'{input}.action' is missing. Use Notify, Reassign or Complete.");
        }
        else if (!Enum.TryParse(actionText, ignoreCase: true, out action) || !Enum.IsDefined(action) || int.TryParse(actionText, out _))
        {
            reader.Add($"{input}.action", actionText, $"'{input}.action' is '{actionText}', which is not a deadline action. Use Notify, Reassign or Complete.");
        }
        else if (action is DeadlineAction.Notify or DeadlineAction.Reassign && target is null)
        {
            reader.Add($"{input}.target", null, $"'{input}.target' is missing. A {action} deadline needs a user, such as bob, or a group, such as group:leads.");
        }
        else if (action is DeadlineAction.Notify or DeadlineAction.Reassign && target is { } named && named.StartsWith(Model.ApprovalPolicy.GroupPrefix, StringComparison.OrdinalIgnoreCase) && named.Length == Model.ApprovalPolicy.GroupPrefix.Length)
        {
            reader.Add($"{input}.target", named, $"'{input}.target' is '{named}', a group without a name. Write group:name, such as group:leads.");
        }
        else if (action == DeadlineAction.Complete)
        {
            CheckOutcome(reader, input, outcome, outcomes);
        }

        if (reader.ErrorCount > before)
        {
            return null;
        }

        return new TaskDeadline(after!.Value, action)
        {
            Target = action == DeadlineAction.Complete ? null : target,
            Outcome = action == DeadlineAction.Complete ? MatchOutcome(outcome!, outcomes) : null,
        };
    }

    /// <summary>The shortest time between two reminders.</summary>
    public static readonly TimeSpan MinReminderInterval = TimeSpan.FromMinutes(1);

    /// <summary>The most reminders one task sends.</summary>
    public const int MaxReminders = 100;

    public static TaskReminder? ReadReminder(InputJson reader, object? value)
    {
        var source = reader.ReadObject(value, ReminderInput, ReminderExample);
        if (source is null)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var every = reader.ReadDuration(source, ReminderInput, "every");
        var times = reader.ReadInt(source, ReminderInput, "times") ?? 1;
        if (every is null && reader.ErrorCount == before)
        {
            reader.Add($"{ReminderInput}.every", null, $"'{ReminderInput}.every' is missing. Set the time between reminders, such as P1D.");
        }
        else if (every is { } span && span < MinReminderInterval)
        {
            reader.Add($"{ReminderInput}.every", span.ToString(),
                $"'{ReminderInput}.every' is {span}, but reminders are at least {MinReminderInterval.TotalMinutes} minutes apart, so a reviewer is not flooded. Use PT1M or more, such as P1D.");
        }

        if (times is < 1 or > MaxReminders)
        {
            reader.Add($"{ReminderInput}.times", times.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'{ReminderInput}.times' is {times}, but it must be from 1 to {MaxReminders}. Remove the reminder to send none.");
        }

        return reader.ErrorCount > before ? null : new TaskReminder(every!.Value, times);
    }

    private static void CheckOutcome(InputJson reader, string input, string? outcome, IReadOnlyList<string>? outcomes)
    {
        if (outcome is null)
        {
            reader.Add($"{input}.outcome", null, outcomes is null
                ? $"'{input}.outcome' is missing. A Complete deadline needs the outcome it completes the task with."
                : $"'{input}.outcome' is missing. A Complete deadline needs one of the task's outcomes: {string.Join(", ", outcomes)}.");
        }
        else if (outcomes is not null && MatchOutcome(outcome, outcomes) is null)
        {
            reader.Add($"{input}.outcome", outcome, $"'{input}.outcome' is '{outcome}', which is not one of the task's outcomes: {string.Join(", ", outcomes)}. Use one of them, or add it to 'outcomes'.");
        }
    }

    /// <summary>The outcome as the task spells it, or <paramref name="outcome"/> itself when the outcomes are not known yet.</summary>
    private static string? MatchOutcome(string outcome, IReadOnlyList<string>? outcomes) =>
        outcomes is null ? outcome : outcomes.FirstOrDefault(candidate => string.Equals(candidate, outcome, StringComparison.OrdinalIgnoreCase));
}
