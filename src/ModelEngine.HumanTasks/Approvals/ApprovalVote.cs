using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Approvals;

/// <summary>Decides an approval policy from the tasks of one UserTask activity instance.</summary>
public static class ApprovalVote
{
    /// <summary>The outcome of a skipped task. A task completed with it does not vote.</summary>
    public const string SkippedOutcome = "Skipped";

    /// <summary>The rejecting outcome used when a vote fails without any rejection, such as when approvers' tasks ended.</summary>
    public const string DefaultRejectOutcome = "Reject";

    /// <summary>
    /// Returns the decision once the completed tasks among <paramref name="tasks"/> decide the policy, or
    /// <see langword="null"/> while the vote is open. <paramref name="tasks"/> are every task of the activity instance as
    /// they will be after the current change. A task without a policy, or with a Single policy, decides alone.
    /// </summary>
    /// <remarks>
    /// The first outcome of a task's outcomes approves, and any other outcome rejects. Only Completed tasks vote:
    /// Obsolete, Exited, Failed and skipped tasks do not. Votes are taken in completion order, and votes at the same instant in approver order.
    /// <list type="bullet">
    /// <item>Single: the first vote decides.</item>
    /// <item>Parallel: <see cref="ApprovalPolicy.Required"/> approvals, or ceil(<see cref="ApprovalPolicy.Percentage"/>
    /// × M / 100) of the M approvers, or all M when neither is set, decide with the approving outcome. With
    /// <see cref="ApprovalPolicy.RejectEndsVote"/> the first rejection decides with its outcome. Otherwise the vote is
    /// rejected, with the most recent rejecting outcome, once the approvals plus the tasks still open can no longer
    /// reach the requirement.</item>
    /// <item>Sequential: any rejection decides, and the approval of the last of the M approvers decides.</item>
    /// </list>
    /// </remarks>
    public static VoteDecision? Decide(ApprovalPolicy? policy, IReadOnlyList<HumanTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var votes = tasks
            .Select((task, index) => (Task: task, Index: index))
            .Where(entry => IsVote(entry.Task))
            .OrderBy(entry => entry.Task.CompletedAt ?? entry.Task.UpdatedAt)
            .ThenBy(entry => entry.Task.ApprovalStep)
            .ThenBy(entry => entry.Index)
            .Select(entry => entry.Task)
            .ToList();
        var cast = votes.ConvertAll(ToVote);

        switch (policy?.Kind ?? ApprovalPolicyKind.Single)
        {
            case ApprovalPolicyKind.Parallel:
                return DecideParallel(policy!, tasks, votes, cast);
            case ApprovalPolicyKind.Sequential:
                return DecideSequential(policy!, tasks, votes, cast);
            default:
                return votes.Count == 0 ? null : new VoteDecision(votes[0].Outcome!, cast);
        }
    }

    /// <summary>
    /// The number of approvals that decide a Parallel vote among <paramref name="approverCount"/> approvers:
    /// <see cref="ApprovalPolicy.Required"/>, else ceil(<see cref="ApprovalPolicy.Percentage"/> × M / 100), else M.
    /// </summary>
    public static int RequiredApprovals(ApprovalPolicy policy, int approverCount)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Required is { } required)
        {
            return required;
        }

        if (policy.Percentage is { } percentage)
        {
            return (int)Math.Ceiling(percentage * approverCount / 100.0);
        }

        return approverCount;
    }

    /// <summary>The outcome that approves on <paramref name="task"/>: the first of its outcomes.</summary>
    public static string ApprovingOutcome(HumanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Outcomes.Count > 0 ? task.Outcomes[0] : "Approve";
    }

    private static VoteDecision? DecideParallel(ApprovalPolicy policy, IReadOnlyList<HumanTask> tasks, List<HumanTask> votes, List<TaskVote> cast)
    {
        var approverCount = policy.Approvers.Count > 0 ? policy.Approvers.Count : tasks.Count;
        var required = Math.Max(1, RequiredApprovals(policy, approverCount));
        var approvals = 0;
        string? lastReject = null;
        foreach (var vote in votes)
        {
            if (IsApproval(vote))
            {
                approvals++;
                if (approvals >= required)
                {
                    return new VoteDecision(vote.Outcome!, cast);
                }
            }
            else
            {
                lastReject = vote.Outcome;
                if (policy.RejectEndsVote)
                {
                    return new VoteDecision(vote.Outcome!, cast);
                }
            }
        }

        // The approvals still possible come from the tasks that have not ended.
        var open = tasks.Count(task => !task.Status.IsFinal());
        if (approvals + open < required)
        {
            return new VoteDecision(lastReject ?? RejectingOutcome(tasks), cast);
        }

        return null;
    }

    private static VoteDecision? DecideSequential(ApprovalPolicy policy, IReadOnlyList<HumanTask> tasks, List<HumanTask> votes, List<TaskVote> cast)
    {
        var approverCount = policy.Approvers.Count > 0 ? policy.Approvers.Count : tasks.Count;
        var approvals = 0;
        foreach (var vote in votes)
        {
            if (!IsApproval(vote))
            {
                return new VoteDecision(vote.Outcome!, cast);
            }

            approvals++;
            if (approvals >= approverCount)
            {
                return new VoteDecision(vote.Outcome!, cast);
            }
        }

        return null;
    }

    private static bool IsVote(HumanTask task) =>
        task.Status == HumanTaskStatus.Completed
        && task.Outcome is not null
        && !string.Equals(task.Outcome, SkippedOutcome, StringComparison.Ordinal);

    private static bool IsApproval(HumanTask task) =>
        string.Equals(task.Outcome, ApprovingOutcome(task), StringComparison.OrdinalIgnoreCase);

    private static string RejectingOutcome(IReadOnlyList<HumanTask> tasks) =>
        tasks.Select(task => task.Outcomes.Skip(1).FirstOrDefault()).FirstOrDefault(outcome => outcome is not null) ?? DefaultRejectOutcome;

    private static TaskVote ToVote(HumanTask task) =>
        new(task.CompletedBy ?? string.Empty, task.Outcome!, task.Comment, task.CompletedAt ?? task.UpdatedAt);
}
