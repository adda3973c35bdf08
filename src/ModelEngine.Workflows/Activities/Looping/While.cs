using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Looping;

/// <summary>Runs its body again and again while a condition holds. A Break inside the body ends the loop.</summary>
[Activity("ModelEngine", "Looping", "Repeats its body while a condition is true.", Aliases = ["Elsa.While"])]
public sealed class While : Activity, ILoopActivity
{
    [Input(Description = "Checked before each iteration.", DefaultSyntax = "JavaScript", IsRequired = true)]
    public Input<bool>? Condition { get; set; }

    [Port(DisplayName = "Body")]
    public Activity? Body { get; set; }

    protected internal override bool AutoComplete => false;

    public override IEnumerable<Activity> GetChildActivities() => Body is null ? [] : [Body];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => IterateAsync(context);

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, IReadOnlyList<string> outcomes) =>
        IterateAsync(context);

    private async ValueTask IterateAsync(ActivityExecutionContext context)
    {
        if (Body is not null && await context.EvaluateAsync(Condition, "condition"))
        {
            context.ScheduleChild(Body);
            return;
        }

        await context.CompleteAsync();
    }
}
