using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// Waits for one interval on a durable timer, then continues. Inside a loop it ticks once per iteration.
/// </summary>
[Activity("ModelEngine", "Scheduling", "Waits for one interval, then continues.", Aliases = ["Elsa.Timer"], Kind = "Task")]
public sealed class Timer : Activity
{
    [Input(Description = "The interval, as hh:mm:ss or an ISO 8601 duration such as PT1H.", UIHint = UIHints.Duration, IsRequired = true)]
    public Input<TimeSpan>? Interval { get; set; }

    protected internal override IEnumerable<Validation.ValidationError> Validate()
    {
        if (LiteralInputs.TryReadValue(Interval, out var interval) && Interval?.Expression is not null && interval <= TimeSpan.Zero)
        {
            yield return new Validation.ValidationError(Id, "interval", interval.ToString(), NotPositiveMessage(interval));
        }
    }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var interval = await context.EvaluateAsync(Interval, "interval");
        if (interval <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException(NotPositiveMessage(interval));
        }

        context.CreateBookmark(dueAt: context.TimeProvider.GetUtcNow() + interval);
    }

    private string NotPositiveMessage(TimeSpan interval) =>
        $"Activity '{Id}' (Timer) has the interval {interval}. Use an interval greater than zero.";
}
