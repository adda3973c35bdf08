namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// A row of the HumanTaskCandidates table: one candidate user or group of a task. The index on (Kind, Name) serves the
/// inbox query.
/// </summary>
internal sealed class HumanTaskCandidateEntity
{
    public const string UserKind = "user";
    public const string GroupKind = "group";

    /// <summary>A business administrator of the task, who can see it as candidates can.</summary>
    public const string AdministratorKind = "administrator";

    public required string TaskId { get; set; }

    /// <summary><see cref="UserKind"/>, <see cref="GroupKind"/> or <see cref="AdministratorKind"/>.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// Whether the task is not open (not Ready, Reserved or InProgress). It copies the task's status so that a search of
    /// open tasks reads only the candidates of open tasks from the index, and not the many rows of ended tasks. Rows
    /// written before the column existed read as open, which costs such a search time but does not change its result,
    /// because the search also filters the task's status.
    /// </summary>
    public bool IsInactive { get; set; }
}
