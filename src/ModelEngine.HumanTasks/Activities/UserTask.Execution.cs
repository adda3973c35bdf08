using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Calendars;
using ModelEngine.HumanTasks.Deadlines;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.HumanTasks.Activities;

public sealed partial class UserTask
{
    /// <summary>The activity property that keeps the timer settings, for the next task of a sequential vote.</summary>
    private const string TimersProperty = "taskTimers";

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var title = await context.EvaluateAsync(Title, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (UserTask) has an empty 'title'. Give the task a title.");
        }

        var outcomes = await context.EvaluateAsync(Outcomes, "outcomes") is { Length: > 0 } listed ? listed : DefaultOutcomes.ToArray();
        var dueIn = await context.EvaluateAsync(DueIn, "dueIn");
        if (dueIn < TimeSpan.Zero)
        {
            throw new WorkflowFaultException(NegativeDueInMessage(dueIn.Value));
        }

        // Object inputs evaluated at run time get the checks that publishing gives literals.
        var errors = new List<ValidationError>();
        var reader = new InputJson(Id, errors);
        var policy = ApprovalPolicyReader.Read(reader, await context.EvaluateAsync(ApprovalPolicy, "approvalPolicy"));
        var timers = new TaskTimerSettings
        {
            DueIn = dueIn,
            StartDeadline = DeadlineReader.ReadDeadline(reader, await context.EvaluateAsync(StartDeadline, "startDeadline"), DeadlineReader.StartDeadlineInput, outcomes),
            CompletionDeadline = DeadlineReader.ReadDeadline(reader, await context.EvaluateAsync(CompletionDeadline, "completionDeadline"), DeadlineReader.CompletionDeadlineInput, outcomes),
            Reminder = DeadlineReader.ReadReminder(reader, await context.EvaluateAsync(Reminder, "reminder")),
            CalendarName = await context.EvaluateAsync(BusinessCalendar, "businessCalendar") is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null,
        };
        var uiSchema = reader.ReadObject(await context.EvaluateAsync(UiSchema, "uiSchema"), "uiSchema", "{\"amount\": {\"ui:widget\": \"updown\"}}");
        var skippable = await context.EvaluateAsync(Skippable, "skippable");
        if (skippable)
        {
            CheckSkippedOutcome(reader, outcomes);
        }

        if (errors.Count > 0)
        {
            throw new WorkflowFaultException(string.Join(" ", errors.Select(error => error.Message)));
        }

        var calendar = TaskTimers.ResolveCalendar(context, timers.CalendarName);
        var excludeInitiator = await context.EvaluateAsync(ExcludeInitiator, "excludeInitiator");
        var excludePrevious = await context.EvaluateAsync(ExcludePreviousApprovers, "excludePreviousApprovers");
        var excluded = await UserTaskPeople.ResolveExcludedAsync(
            context, await context.EvaluateAsync(ExcludedUsers, "excludedUsers") ?? [], excludeInitiator, excludePrevious);

        var formSchema = Inbox.TaskFormValidator.Normalize(JsonValueFactory.From(await context.EvaluateAsync(FormSchema, "formSchema")));
        if (Inbox.TaskFormValidator.FindSchemaProblem(formSchema) is { } schemaProblem)
        {
            throw new WorkflowFaultException($"Activity '{Id}' (UserTask): {schemaProblem}");
        }

        var template = new HumanTaskRequest(title)
        {
            Description = await context.EvaluateAsync(Description, "description"),
            Data = JsonValueFactory.From(await context.EvaluateAsync(Data, "data")),
            Assignee = await context.EvaluateAsync(Assignee, "assignee"),
            CandidateUsers = await context.EvaluateAsync(CandidateUsers, "candidateUsers") ?? [],
            CandidateGroups = await context.EvaluateAsync(CandidateGroups, "candidateGroups") ?? [],
            Outcomes = outcomes,
            Priority = await context.EvaluateAsync(Priority, "priority"),
            FormSchema = formSchema,
            UiSchema = uiSchema,
            ExcludedUsers = excluded,
            ExcludeInitiator = excludeInitiator,
            ExcludePreviousApprovers = excludePrevious,
            BusinessAdministrators = await context.EvaluateAsync(BusinessAdministrators, "businessAdministrators") ?? [],
            Skippable = skippable,
            ApprovalPolicy = policy,
        };

        context.Properties[TimersProperty] = timers.ToJson();
        switch (policy?.Kind)
        {
            case ApprovalPolicyKind.Parallel:
                for (var step = 0; step < policy.Approvers.Count; step++)
                {
                    CreateTask(context, UserTaskPeople.ForApprover(template, policy.Approvers[step], step), timers, calendar);
                }

                break;

            case ApprovalPolicyKind.Sequential:
                CreateTask(context, UserTaskPeople.ForApprover(template, policy.Approvers[0], 0), timers, calendar);
                break;

            default:
                CreateTask(context, UserTaskPeople.WithApprovers(template, policy), timers, calendar);
                break;
        }
    }

    protected override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var firing = await TaskTimerHandler.HandleAsync(context);
        if (firing.IsTimer)
        {
            // A task timer keeps the activity waiting, unless a Complete deadline completed a task.
            if (firing.Completed is { } completed)
            {
                await ContinueAfterDeadlineAsync(context, completed, firing.Tasks!);
            }

            return;
        }

        var input = context.ResumeInput as JsonObject ?? [];
        var taskId = input["taskId"]?.GetValue<string>();
        if (input["failed"]?.GetValue<bool>() == true)
        {
            var reason = input["reason"]?.GetValue<string>();
            var by = input["completedBy"]?.GetValue<string>();
            throw new WorkflowFaultException(
                $"Activity '{Id}' (UserTask): task '{taskId}' failed{(by is null ? string.Empty : $" by '{by}'")}: {(string.IsNullOrWhiteSpace(reason) ? "no reason was given" : reason)}.");
        }

        if (!input.ContainsKey("decision"))
        {
            // A completion without a vote decides alone.
            var outcome = input["outcome"]?.GetValue<string>() ?? (input["skipped"]?.GetValue<bool>() == true ? SkippedOutcome : DefaultOutcomes[0]);
            CloseOtherTasks(context, taskId, outcome);
            context.SetOutput("result", input, Result);
            await context.CompleteAsync(outcome);
            return;
        }

        if (input["decision"] is JsonObject decision)
        {
            // The task service closed the other tasks in the commit that decided the vote, so this step closes none.
            var outcome = decision["outcome"]?.GetValue<string>() ?? (input["skipped"]?.GetValue<bool>() == true ? SkippedOutcome : DefaultOutcomes[0]);
            await FinishAsync(context, outcome, input["comment"]?.DeepClone(), input["data"]?.DeepClone(), input["completedBy"]?.GetValue<string>(), decision["votes"]?.DeepClone() ?? new JsonArray());
            return;
        }

        // The vote is open. A parallel vote waits for the other approvers, and a sequential one creates the next approver's task.
        var store = UserTaskPeople.Store(context);
        var task = taskId is null ? null : await store.FindAsync(taskId, context.CancellationToken);
        if (task is null)
        {
            throw new WorkflowFaultException($"Activity '{Id}' (UserTask) was resumed for task '{taskId}', which does not exist. The resume input must name the completed task in 'taskId'.");
        }

        await ContinueOpenVoteAsync(context, task);
    }

    protected override ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason)
    {
        HumanTaskFactory.Close(context, reason);
        return ValueTask.CompletedTask;
    }

    private static void CreateTask(ActivityExecutionContext context, HumanTaskRequest request, TaskTimerSettings timers, BusinessCalendar? calendar)
    {
        var now = context.TimeProvider.GetUtcNow();
        var task = HumanTaskFactory.Create(context, request with
        {
            DueAt = timers.DueIn is { } dueIn ? TaskTimerSettings.Add(calendar, now, dueIn) : null,
        });
        TaskTimers.Schedule(context, task, timers, calendar);
    }

    /// <summary>Continues the vote after a Complete deadline completed <paramref name="completed"/> in this step.</summary>
    private async ValueTask ContinueAfterDeadlineAsync(ActivityExecutionContext context, HumanTask completed, IReadOnlyList<HumanTask> tasks)
    {
        var decision = ApprovalVote.Decide(completed.ApprovalPolicy, tasks);
        if (decision is null)
        {
            await ContinueOpenVoteAsync(context, completed);
            return;
        }

        // The completed task is changed by this same commit, so it is left out of the close.
        CloseOtherTasks(context, completed.Id, decision.Outcome);
        await FinishAsync(context, decision.Outcome, null, null, HumanTaskActions.SystemActor, VotesToJson(decision.Votes));
    }

    private async ValueTask ContinueOpenVoteAsync(ActivityExecutionContext context, HumanTask completed)
    {
        var policy = completed.ApprovalPolicy;
        switch (policy?.Kind)
        {
            case ApprovalPolicyKind.Parallel:
                return;

            case ApprovalPolicyKind.Sequential when completed.ApprovalStep + 1 < policy.Approvers.Count:
                var timers = TaskTimerSettings.FromJson(context.Properties[TimersProperty] as JsonObject);
                var calendar = TaskTimers.ResolveCalendar(context, timers.CalendarName);
                var next = await UserTaskPeople.NextInSequenceAsync(context, completed);
                CreateTask(context, next, timers, calendar);
                return;

            default:
                // No vote is left open by one task, so its own outcome decides.
                var outcome = completed.Outcome ?? DefaultOutcomes[0];
                var vote = new TaskVote(completed.CompletedBy ?? string.Empty, outcome, completed.Comment, completed.CompletedAt ?? completed.UpdatedAt);
                CloseOtherTasks(context, completed.Id, outcome);
                await FinishAsync(context, outcome, completed.Comment is null ? null : JsonValue.Create(completed.Comment), completed.ResultData?.DeepClone(), completed.CompletedBy, VotesToJson([vote]));
                return;
        }
    }

    /// <summary>
    /// Makes the other open tasks of the activity instance Obsolete in this step's commit, when this step decides the
    /// vote itself, as a Complete deadline does.
    /// </summary>
    private static void CloseOtherTasks(ActivityExecutionContext context, string? decidingTaskId, string outcome) =>
        context.AddChange(new HumanTaskClosed(context.Instance.Id, HumanTaskStatus.Obsolete, context.TimeProvider.GetUtcNow())
        {
            ExceptTaskIds = decidingTaskId is null ? [] : [decidingTaskId],
            Reason = $"The vote was decided with '{outcome}'.",
        });

    private async ValueTask FinishAsync(ActivityExecutionContext context, string outcome, JsonNode? comment, JsonNode? data, string? completedBy, JsonNode votes)
    {
        var result = new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = comment,
            ["data"] = data,
            ["completedBy"] = completedBy,
            ["votes"] = votes,
        };
        context.SetOutput("result", result, Result);
        await context.CompleteAsync(outcome);
    }

    private static JsonArray VotesToJson(IReadOnlyList<TaskVote> votes)
    {
        var array = new JsonArray();
        foreach (var vote in votes)
        {
            array.Add(new JsonObject { ["user"] = vote.User, ["outcome"] = vote.Outcome, ["comment"] = vote.Comment, ["at"] = vote.At });
        }

        return array;
    }
}
