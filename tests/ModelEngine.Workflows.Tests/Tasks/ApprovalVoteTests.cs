using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class ApprovalVoteTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ApprovalPolicy Parallel(int approvers, int? required = null, int? percentage = null, bool rejectEndsVote = false) => new()
    {
        Kind = ApprovalPolicyKind.Parallel,
        Approvers = Enumerable.Range(1, approvers).Select(i => $"user{i}").ToList(),
        Required = required,
        Percentage = percentage,
        RejectEndsVote = rejectEndsVote,
    };

    private static ApprovalPolicy Sequential(int approvers) => new()
    {
        Kind = ApprovalPolicyKind.Sequential,
        Approvers = Enumerable.Range(1, approvers).Select(i => $"user{i}").ToList(),
    };

    /// <summary>
    /// Builds one task per entry: an outcome completes the task at minute <c>index</c>, <c>open</c> leaves it Reserved,
    /// and <c>Obsolete</c>, <c>Exited</c> or <c>Failed</c> end it without a vote.
    /// </summary>
    private static List<HumanTask> Tasks(params string[] states) => states.Select((state, index) =>
    {
        var task = new HumanTask
        {
            Id = $"t{index}",
            WorkflowInstanceId = "i",
            DefinitionId = "d",
            ActivityId = "a",
            ActivityInstanceId = "ai",
            BookmarkId = $"b{index}",
            Title = "Approve",
            Status = HumanTaskStatus.Reserved,
            Assignee = $"user{index + 1}",
            Outcomes = ["Approve", "Reject", "Rework"],
            CreatedAt = Start,
            UpdatedAt = Start,
            ApprovalStep = index,
        };
        return state switch
        {
            "open" => task,
            "Obsolete" => task with { Status = HumanTaskStatus.Obsolete },
            "Exited" => task with { Status = HumanTaskStatus.Exited },
            "Failed" => task with { Status = HumanTaskStatus.Failed },
            _ => task with
            {
                Status = HumanTaskStatus.Completed,
                Outcome = state,
                CompletedBy = $"user{index + 1}",
                CompletedAt = Start.AddMinutes(index),
                Comment = $"comment {index}",
            },
        };
    }).ToList();

    [Fact]
    public void Single_NoVotes_IsOpen()
    {
        Assert.Null(ApprovalVote.Decide(null, Tasks("open")));
    }

    [Fact]
    public void Single_FirstCompletion_Decides()
    {
        var decision = ApprovalVote.Decide(null, Tasks("Reject"));

        Assert.NotNull(decision);
        Assert.Equal("Reject", decision.Outcome);
        var vote = Assert.Single(decision.Votes);
        Assert.Equal("user1", vote.User);
        Assert.Equal("comment 0", vote.Comment);
        Assert.Equal(Start, vote.At);
    }

    [Fact]
    public void SinglePolicy_Decides_LikeNoPolicy()
    {
        var decision = ApprovalVote.Decide(new ApprovalPolicy { Kind = ApprovalPolicyKind.Single }, Tasks("Approve"));

        Assert.Equal("Approve", decision?.Outcome);
    }

    [Fact]
    public void Parallel_TwoOfFour_DecidesOnSecondApproval()
    {
        var policy = Parallel(4, required: 2);

        Assert.Null(ApprovalVote.Decide(policy, Tasks("Approve", "open", "open", "open")));
        var decision = ApprovalVote.Decide(policy, Tasks("Approve", "Approve", "open", "open"));

        Assert.Equal("Approve", decision?.Outcome);
        Assert.Equal(2, decision!.Votes.Count);
    }

    [Fact]
    public void Parallel_Rejections_KeepVoteOpen()
    {
        var policy = Parallel(4, required: 2);

        Assert.Null(ApprovalVote.Decide(policy, Tasks("Reject", "open", "open", "open")));
        Assert.Null(ApprovalVote.Decide(policy, Tasks("Reject", "Reject", "open", "open")));
    }

    [Fact]
    public void Parallel_OutOfReach_RejectsLatest()
    {
        var policy = Parallel(4, required: 2);

        var decision = ApprovalVote.Decide(policy, Tasks("Reject", "Approve", "Rework", "Reject"));

        // After three rejections only one approval is possible, so the vote fails with the latest rejecting outcome.
        Assert.Equal("Reject", decision?.Outcome);
        var early = ApprovalVote.Decide(policy, Tasks("Reject", "Rework", "Reject", "open"));
        Assert.Equal("Reject", early?.Outcome);
        var rework = ApprovalVote.Decide(policy, Tasks("Reject", "Reject", "Rework", "open"));
        Assert.Equal("Rework", rework?.Outcome);
    }

    [Fact]
    public void Parallel_RejectEndsVote_FirstRejectionDecides()
    {
        var policy = Parallel(4, required: 2, rejectEndsVote: true);

        var decision = ApprovalVote.Decide(policy, Tasks("Approve", "Rework", "open", "open"));

        Assert.Equal("Rework", decision?.Outcome);
        Assert.Equal(2, decision!.Votes.Count);
    }

    [Fact]
    public void Parallel_RejectEndsVote_AfterRequirementMet_Approves()
    {
        var policy = Parallel(3, required: 1, rejectEndsVote: true);

        var decision = ApprovalVote.Decide(policy, Tasks("Approve", "Reject", "open"));

        Assert.Equal("Approve", decision?.Outcome);
    }

    [Theory]
    [InlineData(50, 4, 2)]
    [InlineData(50, 3, 2)]
    [InlineData(1, 4, 1)]
    [InlineData(100, 4, 4)]
    [InlineData(34, 3, 2)]
    [InlineData(33, 3, 1)]
    public void RequiredApprovals_Percentage_RoundsUp(int percentage, int approvers, int expected)
    {
        Assert.Equal(expected, ApprovalVote.RequiredApprovals(Parallel(approvers, percentage: percentage), approvers));
    }

    [Fact]
    public void Parallel_Percentage_DecidesAtCeiling()
    {
        var policy = Parallel(3, percentage: 50);

        Assert.Null(ApprovalVote.Decide(policy, Tasks("Approve", "open", "open")));
        Assert.Equal("Approve", ApprovalVote.Decide(policy, Tasks("Approve", "Approve", "open"))?.Outcome);
    }

    [Fact]
    public void Parallel_NoCountOrPercentage_NeedsEveryApprover()
    {
        var policy = Parallel(3);

        Assert.Null(ApprovalVote.Decide(policy, Tasks("Approve", "Approve", "open")));
        Assert.Equal("Approve", ApprovalVote.Decide(policy, Tasks("Approve", "Approve", "Approve"))?.Outcome);
        Assert.Equal("Reject", ApprovalVote.Decide(policy, Tasks("Approve", "Reject", "open"))?.Outcome);
    }

    [Theory]
    [InlineData("Obsolete")]
    [InlineData("Exited")]
    [InlineData("Failed")]
    [InlineData("Skipped")]
    public void Parallel_EndedTask_DoesNotVote(string ended)
    {
        var policy = Parallel(3, required: 2);

        var open = ApprovalVote.Decide(policy, Tasks("Approve", ended, "open"));
        var lost = ApprovalVote.Decide(policy, Tasks(ended, ended, "Approve"));

        Assert.Null(open);
        Assert.NotNull(lost);
        Assert.Equal("Reject", lost.Outcome);
        Assert.Single(lost.Votes);
    }

    [Fact]
    public void Parallel_CompletionOrder_NotListOrder_Counts()
    {
        var policy = Parallel(3, required: 1, rejectEndsVote: true);
        var tasks = Tasks("Approve", "Reject", "open");

        // The rejection came first in time, so it ends the vote even though the approval is listed first.
        tasks[0] = tasks[0] with { CompletedAt = Start.AddMinutes(5) };
        var decision = ApprovalVote.Decide(policy, tasks);

        Assert.Equal("Reject", decision?.Outcome);
        Assert.Equal(["user2", "user1"], decision!.Votes.Select(vote => vote.User));
    }

    [Fact]
    public void Parallel_ApprovingOutcome_IgnoresCase()
    {
        var policy = Parallel(2, required: 1);

        var decision = ApprovalVote.Decide(policy, Tasks("approve", "open"));

        Assert.Equal("approve", decision?.Outcome);
    }

    [Fact]
    public void Sequential_ApprovalsBeforeLast_KeepVoteOpen()
    {
        var policy = Sequential(3);

        Assert.Null(ApprovalVote.Decide(policy, Tasks("Approve")));
        Assert.Null(ApprovalVote.Decide(policy, Tasks("Approve", "Approve")));
    }

    [Fact]
    public void Sequential_LastApproval_Decides()
    {
        var decision = ApprovalVote.Decide(Sequential(3), Tasks("Approve", "Approve", "Approve"));

        Assert.Equal("Approve", decision?.Outcome);
        Assert.Equal(3, decision!.Votes.Count);
    }

    [Fact]
    public void Sequential_AnyRejection_Decides()
    {
        var decision = ApprovalVote.Decide(Sequential(3), Tasks("Approve", "Rework"));

        Assert.Equal("Rework", decision?.Outcome);
    }

    [Fact]
    public void Decide_NullTasks_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ApprovalVote.Decide(null, null!));
    }
}
