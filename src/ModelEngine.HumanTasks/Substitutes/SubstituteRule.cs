namespace ModelEngine.HumanTasks.Substitutes;

/// <summary>
/// An out-of-office rule: from <see cref="From"/> until <see cref="To"/>, <see cref="Substitute"/> can see and work on the
/// tasks of <see cref="User"/>, and the history records that they acted on <see cref="User"/>'s behalf.
/// </summary>
public sealed record SubstituteRule
{
    public required string Id { get; init; }

    /// <summary>The user who is away.</summary>
    public required string User { get; init; }

    /// <summary>The user who works on the tasks meanwhile.</summary>
    public required string Substitute { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether the rule applies at <paramref name="at"/>: from <see cref="From"/> inclusive to <see cref="To"/> exclusive.</summary>
    public bool IsActiveAt(DateTimeOffset at) => From <= at && at < To;
}
