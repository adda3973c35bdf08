namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>The UserTask input <c>reminder</c>: a reminder every <see cref="Every"/> while the task is open, at most <see cref="Times"/> times.</summary>
public sealed record TaskReminder(TimeSpan Every, int Times);
