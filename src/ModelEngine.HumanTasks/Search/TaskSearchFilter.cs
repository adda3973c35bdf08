using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// The conditions of a task search. Every condition that is set must hold. The search only ever returns tasks the
/// caller can see.
/// </summary>
public sealed record TaskSearchFilter
{
    /// <summary>The statuses to include; empty means the open statuses (Ready, Reserved, InProgress).</summary>
    public IReadOnlyList<HumanTaskStatus> Status { get; init; } = [];

    public string? Assignee { get; init; }

    /// <summary>Only tasks offered to the caller as a candidate user, or to one of the caller's groups.</summary>
    public bool CandidateOfMe { get; init; }

    /// <summary>Only tasks offered to this candidate group.</summary>
    public string? Group { get; init; }

    public string? DefinitionId { get; init; }

    public string? WorkflowInstanceId { get; init; }

    /// <summary>Only tasks due strictly before this instant.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Only tasks due at or after this instant.</summary>
    public DateTimeOffset? DueAfter { get; init; }

    /// <summary>The lowest priority to include (inclusive). Set it and <see cref="MaxPriority"/> equal for an exact match.</summary>
    public int? MinPriority { get; init; }

    /// <summary>The highest priority to include (inclusive).</summary>
    public int? MaxPriority { get; init; }

    public IReadOnlyList<VariableFilter> Variables { get; init; } = [];

    /// <summary>
    /// Text that the title or the description must contain, ignoring case. Wildcard characters such as <c>%</c> and
    /// <c>_</c> match themselves. At most <see cref="MaxTextLength"/> characters.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The longest <see cref="Text"/> a search accepts.</summary>
    public const int MaxTextLength = 200;
}
