using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// Waits for a time span on a durable timer. The timer row is committed with the step, so the delay survives restarts.
/// </summary>
[Activity("ModelEngine", "Scheduling", "Waits for a time span.", Aliases = ["Elsa.Delay"], Kind = "Task")]
public sealed class Delay : Activity
{
    [Input(Description = "How long to wait, as hh:mm:ss or an ISO 8601 duration such as PT5M.", UIHint = UIHints.Duration, IsRequired = true)]
    public Input<TimeSpan>? TimeSpan { get; set; }

    protected internal override IEnumerable<Validation.ValidationError> Validate()
    {
        if (LiteralInputs.TryReadValue(TimeSpan, out var span) && span < System.TimeSpan.Zero)
        {
            yield return new Validation.ValidationError(Id, "timeSpan", span.ToString(), NegativeMessage(span));
        }
    }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var span = await context.EvaluateAsync(TimeSpan, "timeSpan");
        if (span < System.TimeSpan.Zero)
        {
            throw new WorkflowFaultException(NegativeMessage(span));
        }

        context.CreateBookmark(dueAt: context.TimeProvider.GetUtcNow() + span);
    }

    private string NegativeMessage(System.TimeSpan span) =>
        $"Activity '{Id}' (Delay) has a negative time span {span}. Use a duration of zero or more.";
}
