namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// The UserTask input <c>approvalPolicy</c>. <see cref="Approvers"/> names users, or groups as <c>group:name</c>. For
/// <see cref="ApprovalPolicyKind.Parallel"/>, <see cref="Required"/> or <see cref="Percentage"/> sets how many
/// approvals decide, and <see cref="RejectEndsVote"/> decides whether one rejection ends the vote at once.
/// </summary>
public sealed record ApprovalPolicy
{
    /// <summary>The prefix that marks a group among <see cref="Approvers"/>.</summary>
    public const string GroupPrefix = "group:";

    public ApprovalPolicyKind Kind { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public int? Required { get; init; }

    public int? Percentage { get; init; }

    public bool RejectEndsVote { get; init; }
}
