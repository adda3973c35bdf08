using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>Decides who gets each task of a UserTask: the approvers of its policy and the users the four-eyes rules exclude.</summary>
internal static class UserTaskPeople
{
    public static IHumanTaskStore Store(ActivityExecutionContext context) => context.Services.GetRequiredService<IHumanTaskStore>();

    /// <summary>
    /// Returns <paramref name="excludedUsers"/>, plus the instance's initiator with <paramref name="excludeInitiator"/>,
    /// plus the users who completed earlier tasks of the instance with <paramref name="excludePreviousApprovers"/>.
    /// </summary>
    public static async ValueTask<IReadOnlyList<string>> ResolveExcludedAsync(
        ActivityExecutionContext context, IEnumerable<string> excludedUsers, bool excludeInitiator, bool excludePreviousApprovers)
    {
        var excluded = new List<string>();
        void Add(string? user)
        {
            if (!string.IsNullOrWhiteSpace(user) && !excluded.Contains(user.Trim(), StringComparer.Ordinal))
            {
                excluded.Add(user.Trim());
            }
        }

        foreach (var user in excludedUsers)
        {
            Add(user);
        }

        if (excludeInitiator)
        {
            Add(context.WorkflowContext.State.Initiator);
        }

        if (excludePreviousApprovers)
        {
            var tasks = await Store(context).ListByInstanceAsync(context.WorkflowInstanceId, context.CancellationToken);
            foreach (var task in tasks.Where(task => task.Status == HumanTaskStatus.Completed && task.CompletedBy != HumanTaskActions.SystemActor))
            {
                Add(task.CompletedBy);
            }
        }

        return excluded;
    }

    /// <summary>
    /// The task of a Single policy: the activity's assignee and candidates, joined by the policy's approvers. Faults when
    /// the four-eyes rules exclude the assignee, because the task could then never be completed.
    /// </summary>
    public static HumanTaskRequest WithApprovers(HumanTaskRequest template, ApprovalPolicy? policy)
    {
        var users = template.CandidateUsers.ToList();
        var groups = template.CandidateGroups.ToList();
        foreach (var approver in policy?.Approvers ?? [])
        {
            if (ApprovalPolicyReader.IsGroup(approver, out var group))
            {
                groups.Add(group);
            }
            else
            {
                users.Add(approver);
            }
        }

        var request = template with { CandidateUsers = users.Distinct(StringComparer.Ordinal).ToList(), CandidateGroups = groups.Distinct(StringComparer.Ordinal).ToList() };
        if (!string.IsNullOrWhiteSpace(request.Assignee))
        {
            CheckNotExcluded(request, request.Assignee, "assignee");
        }

        return request;
    }

    /// <summary>
    /// The task of approver number <paramref name="step"/>: a user is assigned it, and a group's members may claim it. The
    /// policy's approvers replace the activity's assignee and candidates.
    /// </summary>
    public static HumanTaskRequest ForApprover(HumanTaskRequest template, string approver, int step)
    {
        if (ApprovalPolicyReader.IsGroup(approver, out var group))
        {
            return template with { Assignee = null, CandidateUsers = [], CandidateGroups = [group], ApprovalStep = step };
        }

        var request = template with { Assignee = approver, CandidateUsers = [], CandidateGroups = [], ApprovalStep = step };
        CheckNotExcluded(request, approver, "approvalPolicy.approvers");
        return request;
    }

    /// <summary>The next task of a sequential vote, shaped like <paramref name="previous"/> and given to the next approver.</summary>
    public static async ValueTask<HumanTaskRequest> NextInSequenceAsync(ActivityExecutionContext context, HumanTask previous)
    {
        var policy = previous.ApprovalPolicy!;
        var excluded = await ResolveExcludedAsync(context, previous.ExcludedUsers, previous.ExcludeInitiator, previous.ExcludePreviousApprovers);
        if (previous.ExcludePreviousApprovers && previous.CompletedBy is { } approver && approver != HumanTaskActions.SystemActor && !excluded.Contains(approver, StringComparer.Ordinal))
        {
            // The previous task's completion may not be stored yet, when a deadline completed it in this step.
            excluded = [.. excluded, approver];
        }

        var template = new HumanTaskRequest(previous.Title)
        {
            Description = previous.Description,
            Data = previous.Data?.DeepClone(),
            Outcomes = previous.Outcomes,
            Priority = previous.Priority,
            FormSchema = previous.FormSchema?.DeepClone(),
            UiSchema = previous.UiSchema?.DeepClone(),
            ExcludedUsers = excluded,
            ExcludeInitiator = previous.ExcludeInitiator,
            ExcludePreviousApprovers = previous.ExcludePreviousApprovers,
            BusinessAdministrators = previous.BusinessAdministrators,
            Skippable = previous.Skippable,
            ApprovalPolicy = policy,
        };
        var step = previous.ApprovalStep + 1;
        return ForApprover(template, policy.Approvers[step], step);
    }

    private static void CheckNotExcluded(HumanTaskRequest request, string user, string input)
    {
        if (request.ExcludedUsers.Contains(user, StringComparer.Ordinal))
        {
            throw new WorkflowFaultException(
                $"The task '{request.Title}' would go to '{user}' ({input}), but the four-eyes rules (excludedUsers, excludeInitiator or excludePreviousApprovers) exclude '{user}', so nobody could complete it. Name another user or group, or remove the exclusion.");
        }
    }
}
