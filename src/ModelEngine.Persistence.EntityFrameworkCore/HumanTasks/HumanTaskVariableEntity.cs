namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// A row of the HumanTaskVariables table: one process variable of a task's instance, as it was when the task was
/// created. Task search filters on it.
/// </summary>
internal sealed class HumanTaskVariableEntity
{
    public required string TaskId { get; set; }

    public required string Name { get; set; }

    /// <summary>The value as text: a string as it is, any other value as JSON.</summary>
    public required string ValueText { get; set; }

    /// <summary><see cref="ValueText"/> in lower case, which the contains filter matches.</summary>
    public required string NormalizedText { get; set; }

    /// <summary>
    /// Whether the task has ended. Searches of open tasks, the default, read only active rows, as they do for candidates.
    /// </summary>
    public bool IsInactive { get; set; }
}
