namespace ModelEngine.HumanTasks.Approvals;

/// <summary>One approver's decision in the <c>votes</c> output of a UserTask.</summary>
public sealed record TaskVote(string User, string Outcome, string? Comment, DateTimeOffset At);
