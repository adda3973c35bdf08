using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Looping;

/// <summary>
/// Runs its body once per item, one after another, with <see cref="CurrentValue"/> set to the item. A Break inside
/// the body ends the loop.
/// </summary>
[Activity("ModelEngine", "Looping", "Repeats its body for each item of a list.", Aliases = ["Elsa.ForEach"])]
public sealed class ForEach : Activity, ILoopActivity
{
    private const string ItemsProperty = "items";
    private const string IndexProperty = "index";

    [Input(Description = "The items to iterate over, as a JSON array.", DefaultSyntax = "JavaScript", IsRequired = true)]
    public Input<object>? Items { get; set; }

    [Output(Description = "The current item; capture it in a variable to use it in the body.")]
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

        context.Properties[ItemsProperty] = items;
        context.Properties[IndexProperty] = 0;
        await NextAsync(context);
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, IReadOnlyList<string> outcomes) =>
        NextAsync(context);

    private async ValueTask NextAsync(ActivityExecutionContext context)
    {
        var items = (JsonArray)context.Properties[ItemsProperty]!;
        var index = context.Properties[IndexProperty]!.GetValue<int>();
        if (Body is null || index >= items.Count)
        {
            await context.CompleteAsync();
            return;
        }

        context.Properties[IndexProperty] = index + 1;
        context.SetOutput("currentValue", items[index], CurrentValue);
        context.ScheduleChild(Body);
    }
}
