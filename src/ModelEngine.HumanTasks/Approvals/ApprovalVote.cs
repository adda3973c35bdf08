using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Approvals;

/// <summary>Decides an approval policy from the tasks of one UserTask activity instance.</summary>
public static class ApprovalVote
{
    /// <summary>
    /// Returns the decision once the completed tasks among <paramref name="tasks"/> decide the policy, or
    /// <see langword="null"/> while the vote is open. <paramref name="tasks"/> are every task of the activity instance as
    /// they will be after the current change, oldest first. A task without a policy decides alone.
    /// </summary>
    public static VoteDecision? Decide(ApprovalPolicy? policy, IReadOnlyList<HumanTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var votes = tasks
            .Where(task => task.Status == HumanTaskStatus.Completed && task.Outcome is not null)
            .OrderBy(task => task.CompletedAt)
            .Select(task => new TaskVote(task.CompletedBy ?? string.Empty, task.Outcome!, task.Comment, task.CompletedAt ?? task.UpdatedAt))
            .ToList();
        if (votes.Count == 0)
        {
            return null;
        }

        // Placeholder until the multi-approver policies land: the first vote decides.
        _ = policy;
        return new VoteDecision(votes[^1].Outcome, votes);
    }
}
