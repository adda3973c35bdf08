namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// A row of the HumanTaskCandidates table: one candidate user or group of a task. The index on (Kind, Name) serves the
/// inbox query.
/// </summary>
internal sealed class HumanTaskCandidateEntity
{
    public const string UserKind = "user";
    public const string GroupKind = "group";

    public required string TaskId { get; set; }

    /// <summary><see cref="UserKind"/> or <see cref="GroupKind"/>.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }
}
