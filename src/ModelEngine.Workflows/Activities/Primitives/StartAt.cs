using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// Waits until a point in time on a durable timer, and continues at once when that time has passed.
/// </summary>
[Activity("ModelEngine", "Scheduling", "Waits until a date and time.", Aliases = ["Elsa.StartAt"], Kind = "Task", DisplayName = "Start at")]
public sealed class StartAt : Activity
{
    [Input(Description = "When to continue, as an ISO 8601 date and time; a time without an offset is UTC.", UIHint = UIHints.DateTimePicker, IsRequired = true)]
    public Input<DateTimeOffset>? DateTime { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var dueAt = await context.EvaluateAsync(DateTime, "dateTime");
        if (dueAt <= context.TimeProvider.GetUtcNow())
        {
            await context.CompleteAsync();
            return;
        }

        context.CreateBookmark(dueAt: dueAt);
    }
}
