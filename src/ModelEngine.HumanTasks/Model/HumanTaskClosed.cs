namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A commit change that moves the open tasks owned by an activity instance to a final status (Exited or Obsolete),
/// whatever their revision, except <see cref="ExceptTaskIds"/>. The engine emits it when it cancels the activity, and
/// a decided vote emits it for the tasks that no longer count. Each closed task gets a history entry and an
/// <see cref="HumanTaskEventKind.Ended"/> event.
/// </summary>
public sealed record HumanTaskClosed(string ActivityInstanceId, HumanTaskStatus Status, DateTimeOffset At)
{
    public IReadOnlyList<string> ExceptTaskIds { get; init; } = [];

    /// <summary>Why the tasks closed, recorded in their history.</summary>
    public string? Reason { get; init; }
}
