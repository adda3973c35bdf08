namespace ModelEngine.HumanTasks.Approvals;

/// <summary>The result of a decided approval policy: the outcome the activity leaves through, and every vote cast.</summary>
public sealed record VoteDecision(string Outcome, IReadOnlyList<TaskVote> Votes);
