using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scheduling;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// At the start of a published definition's flowchart, starts an instance at every occurrence of a cron schedule. Inside
/// a running flow, waits on a durable timer for the schedule's next occurrence.
/// </summary>
[Activity("ModelEngine", "Scheduling", "Starts the workflow on a cron schedule, or waits for the next occurrence.", Aliases = ["Elsa.Cron"], Kind = "Trigger")]
public sealed class Cron : Activity
{
    public const string TypeName = "ModelEngine.Cron";
    public const string CronExpressionProperty = "cronExpression";
    public const string TimeZoneProperty = "timeZone";

    [Input(Description = "The schedule: five fields (minute hour day-of-month month day-of-week) such as 0 9 * * MON-FRI, or six with a leading seconds field.", IsRequired = true)]
    public Input<string>? CronExpression { get; set; }

    [Input(Description = "The IANA time zone the schedule is read in, such as Europe/Berlin. Empty means UTC.")]
    public Input<string>? TimeZone { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        // The instance was started by this activity's own trigger, so this occurrence has already come.
        if (context.WorkflowContext.State.TriggerActivityId == Id && CronTrigger.IsTrigger(context.Workflow, this))
        {
            await context.CompleteAsync();
            return;
        }

        var expression = await context.EvaluateAsync(CronExpression, CronExpressionProperty);
        var timeZone = await context.EvaluateAsync(TimeZone, TimeZoneProperty);
        if (!CronSchedule.TryParse(expression, timeZone, out var schedule, out var error))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (Cron): {error}");
        }

        var now = context.TimeProvider.GetUtcNow();
        var next = schedule.GetNextOccurrence(now)
            ?? throw new WorkflowFaultException($"Activity '{Id}' (Cron): the cron expression '{expression}' has no occurrence after {now:O}. Use a schedule that recurs.");
        context.CreateBookmark(dueAt: next);
    }

    protected internal override IEnumerable<ValidationError> Validate()
    {
        var expression = LiteralInputs.ReadString(CronExpression);
        var timeZone = LiteralInputs.ReadString(TimeZone);
        if (expression is null || timeZone is null)
        {
            // An expression is evaluated when the activity runs, and a bad value faults the instance then.
            yield break;
        }

        if (!CronSchedule.TryParse(expression.Value, timeZone.Value, out _, out var error))
        {
            var badTimeZone = !CronSchedule.IsKnownTimeZone(timeZone.Value);
            yield return badTimeZone
                ? new ValidationError(Id, TimeZoneProperty, timeZone.Value, $"Activity '{Id}' (Cron): {error}")
                : new ValidationError(Id, CronExpressionProperty, expression.Value, $"Activity '{Id}' (Cron): {error}");
        }
    }
}
