using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>
/// Puts a task in reviewers' inboxes on behalf of any activity: it creates the bookmark that the task's completion
/// resumes and adds the new task to the step's commit.
/// </summary>
public static class HumanTaskFactory
{
    /// <summary>The activity property that keeps the id of the task an activity instance created.</summary>
    public const string TaskIdProperty = "taskId";

    /// <summary>
    /// The payload property of a task timer's bookmark (its due date, a deadline or a reminder): the id of the task the
    /// timer belongs to. <see cref="IsTimerOf"/> finds a task's timers by it.
    /// </summary>
    public const string DueTaskIdProperty = "dueTaskId";

    /// <summary>
    /// The payload property that names the kind of a task timer, one of the <c>TaskTimers</c> kinds. A timer without it
    /// is a due-date timer.
    /// </summary>
    public const string TimerKindProperty = "timerKind";

    /// <summary>The journal event written when a task's due-date timer finds the task still open.</summary>
    public const string TaskOverdueEvent = "TaskOverdue";

    /// <summary>
    /// Creates a task from <paramref name="request"/> with its bookmark, its history entry and its Created event, and a
    /// due-date timer when the request has a due date. Returns the new task.
    /// </summary>
    public static HumanTask Create(ActivityExecutionContext context, HumanTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);

        CheckLengths(context, request);
        var now = context.TimeProvider.GetUtcNow();
        var taskId = Guid.NewGuid().ToString("N");
        var bookmark = context.CreateBookmark(new JsonObject { [TaskIdProperty] = taskId });
        var assignee = string.IsNullOrWhiteSpace(request.Assignee) ? null : request.Assignee;

        var task = new HumanTask
        {
            Id = taskId,
            WorkflowInstanceId = context.WorkflowInstanceId,
            DefinitionId = context.Workflow.DefinitionId,
            ActivityId = context.Activity.Id,
            ActivityInstanceId = context.Instance.Id,
            BookmarkId = bookmark.Id,
            Title = request.Title,
            Description = request.Description,
            Data = request.Data,
            Status = assignee is null ? HumanTaskStatus.Ready : HumanTaskStatus.Reserved,
            Assignee = assignee,
            CandidateUsers = request.CandidateUsers,
            CandidateGroups = request.CandidateGroups,
            Outcomes = request.Outcomes.Count > 0 ? request.Outcomes : UserTask.DefaultOutcomes,
            Priority = request.Priority,
            DueAt = request.DueAt,
            CreatedAt = now,
            UpdatedAt = now,
            Initiator = context.WorkflowContext.State.Initiator,
            FormSchema = request.FormSchema,
            UiSchema = request.UiSchema,
            ExcludedUsers = request.ExcludedUsers,
            ExcludeInitiator = request.ExcludeInitiator,
            ExcludePreviousApprovers = request.ExcludePreviousApprovers,
            BusinessAdministrators = request.BusinessAdministrators,
            Skippable = request.Skippable,
            ApprovalPolicy = request.ApprovalPolicy,
            ApprovalStep = request.ApprovalStep,
            Revision = 1,
        };

        context.Properties[TaskIdProperty] = taskId;
        context.AddChange(new HumanTaskCreated(task));
        context.AddChange(HumanTaskVariables.Capture(task, context.WorkflowContext.State.Variables));
        context.AddChange(new HumanTaskHistoryEntry
        {
            Id = HumanTaskHistory.NewId(),
            TaskId = taskId,
            WorkflowInstanceId = task.WorkflowInstanceId,
            Action = HumanTaskActions.Create,
            Actor = HumanTaskActions.SystemActor,
            At = now,
            StatusAfter = task.Status,
            Details = assignee is null ? null : new JsonObject { ["assignee"] = assignee },
        });
        context.AddChange(new HumanTaskEvent
        {
            Id = HumanTaskHistory.NewId(),
            Kind = HumanTaskEventKind.Created,
            Task = task,
            Actor = HumanTaskActions.SystemActor,
            At = now,
        });
        if (task.DueAt is { } dueAt)
        {
            // A second bookmark of the same activity instance is the due-date timer. Its row is committed with the
            // task, and it is removed with the task: by the completion's commit or by the cancel that ends the task.
            context.CreateBookmark(new JsonObject { [DueTaskIdProperty] = taskId, [TimerKindProperty] = Deadlines.TaskTimers.DueKind }, dueAt);
        }

        return task;
    }

    /// <summary>
    /// Faults the activity when a name or the title is longer than the task tables keep, so that the step fails with an
    /// incident that names the input instead of failing its commit again and again.
    /// </summary>
    private static void CheckLengths(ActivityExecutionContext context, HumanTaskRequest request)
    {
        if (request.Title.Length > Inbox.TaskLimits.MaxTitleLength)
        {
            throw new WorkflowFaultException(
                $"Activity '{context.Activity.Id}' (UserTask) has a 'title' of {request.Title.Length} characters; at most {Inbox.TaskLimits.MaxTitleLength} are kept. Shorten the title.");
        }

        var names = new (string Input, IEnumerable<string?> Values)[]
        {
            ("assignee", [request.Assignee]),
            ("candidateUsers", request.CandidateUsers),
            ("candidateGroups", request.CandidateGroups),
            ("excludedUsers", request.ExcludedUsers),
            ("businessAdministrators", request.BusinessAdministrators),
        };
        foreach (var (input, values) in names)
        {
            if (values.FirstOrDefault(value => value is not null && value.Length > Inbox.TaskLimits.MaxNameLength) is { } tooLong)
            {
                throw new WorkflowFaultException(
                    $"Activity '{context.Activity.Id}' (UserTask) has a name in '{input}' of {tooLong.Length} characters ('{tooLong[..40]}…'); names may have at most {Inbox.TaskLimits.MaxNameLength}. Use the user's or group's sign-in name.");
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="bookmark"/> is a timer of the task <paramref name="taskId"/>, such as its due date, a
    /// deadline or a reminder, which ends with the task.
    /// </summary>
    public static bool IsTimerOf(Workflows.Runtime.State.BookmarkState bookmark, string taskId)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        return bookmark.DueAt is not null
            && bookmark.Payload is JsonObject payload
            && payload[DueTaskIdProperty] is JsonValue value
            && value.TryGetValue(out string? id)
            && id == taskId;
    }

    /// <summary>Closes the open tasks of a cancelled activity: Exited when the instance was cancelled, else Obsolete.</summary>
    public static void Close(ActivityExecutionContext context, Workflows.Activities.CancellationReason reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = reason == Workflows.Activities.CancellationReason.InstanceCancelled ? HumanTaskStatus.Exited : HumanTaskStatus.Obsolete;
        var now = context.TimeProvider.GetUtcNow();

        // Tasks created earlier in this same step are not stored yet, so they are inserted already closed. The
        // activity instance may own stored tasks as well, such as the earlier tasks of a vote.
        var changes = context.WorkflowContext.Changes;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is HumanTaskCreated created && created.Task.ActivityInstanceId == context.Instance.Id)
            {
                changes[i] = new HumanTaskCreated(created.Task with { Status = status, UpdatedAt = now });
            }
        }

        // Closing finds no open stored task when every task of the activity instance was created in this step.
        context.AddChange(new HumanTaskClosed(context.Instance.Id, status, now));
    }
}
