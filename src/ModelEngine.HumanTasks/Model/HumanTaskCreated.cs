namespace ModelEngine.HumanTasks.Model;

/// <summary>A commit change that inserts a new task.</summary>
public sealed record HumanTaskCreated(HumanTask Task);
