using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Looping;

/// <summary>
/// Starts its body once per item, all at once, and completes when every body has completed. Each body reads its own
/// item from the variable that <see cref="CurrentValue"/> names and from <c>CurrentValue</c>, and its index from
/// <c>CurrentIndex</c>. These variables are scoped to the body, so bodies that wait on tasks or timers keep their own
/// item. A Break inside any body cancels every other body and completes the loop.
/// </summary>
[Activity("ModelEngine", "Looping", "Runs its body for every item of a list at once.", Aliases = ["Elsa.ParallelForEach"])]
public sealed class ParallelForEach : Activity, ILoopActivity
{
    /// <summary>The name of the scoped variable that contains a body's item.</summary>
    public const string CurrentValueVariable = "CurrentValue";

    /// <summary>The name of the scoped variable that contains a body's index, from 0.</summary>
    public const string CurrentIndexVariable = "CurrentIndex";

    [Input(Description = "The items to run the body for, as a JSON array.", DefaultSyntax = "JavaScript", IsRequired = true)]
    public Input<object>? Items { get; set; }

    [Output(Description = "The body's item; capture it in a variable, which each body then holds for itself.")]
    public Output<object>? CurrentValue { get; set; }

    [Port(DisplayName = "Body")]
    public Activity? Body { get; set; }

    protected internal override bool AutoComplete => false;

    public override IEnumerable<Activity> GetChildActivities() => Body is null ? [] : [Body];

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = Models.JsonValueFactory.From(await context.EvaluateAsync(Items, "items")) switch
        {
            null => [],
            JsonArray array => array,
            var single => new JsonArray(single),
        };

        if (Body is null || items.Count == 0)
        {
            await context.CompleteAsync();
            return;
        }

        var variableName = CurrentValue?.MemoryReference is { } reference
            ? context.Workflow.VariableNamesById.GetValueOrDefault(reference.Id, reference.Id)
            : null;
        for (var index = 0; index < items.Count; index++)
        {
            var scoped = new JsonObject
            {
                [CurrentValueVariable] = items[index]?.DeepClone(),
                [CurrentIndexVariable] = index,
            };
            if (variableName is not null)
            {
                scoped[variableName] = items[index]?.DeepClone();
            }

            var body = context.ScheduleChild(Body);
            body.Properties[WorkflowExecutionContext.ScopedVariablesProperty] = scoped;
        }
    }

    protected internal override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, IReadOnlyList<string> outcomes)
    {
        if (!context.GetActiveChildren().Any())
        {
            await context.CompleteAsync();
        }
    }
}
