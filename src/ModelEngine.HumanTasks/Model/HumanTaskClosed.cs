namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A commit change that moves the open task owned by an activity instance to a final status (Exited or Obsolete),
/// whatever its revision. The engine emits it when it cancels the activity.
/// </summary>
public sealed record HumanTaskClosed(string ActivityInstanceId, HumanTaskStatus Status, DateTimeOffset At);
