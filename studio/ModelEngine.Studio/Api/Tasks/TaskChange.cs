namespace ModelEngine.Studio.Api.Tasks;

/// <summary>
/// The <c>taskChanged</c> message of the <c>/hubs/tasks</c> hub. <see cref="Kind"/> is <c>Created</c>, <c>Claimed</c>,
/// <c>Completed</c> and so on, and <see cref="Task"/> is the task after the change.
/// </summary>
public sealed record TaskChange(
    string Id, string Kind, string TaskId, string? Status, string? Assignee, string? Actor, DateTimeOffset At, HumanTask? Task);
