using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// Waits until an event with <see cref="EventName"/> is triggered for the instance, through
/// <c>POST /api/events/{name}/trigger</c>. The event's input becomes <see cref="Result"/>.
/// </summary>
[Activity("ModelEngine", "Primitives", "Waits for a named event.", Aliases = ["Elsa.Event"], Kind = "Trigger")]
public sealed class Event : Activity
{
    public const string TypeName = "ModelEngine.Event";
    public const string EventNameProperty = "eventName";

    [Input(Description = "The name of the event to wait for.", IsRequired = true)]
    public Input<string>? EventName { get; set; }

    [Output(Description = "The input sent with the event.")]
    public Output<object>? Result { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(EventName, "eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (Event) has an empty 'eventName'.");
        }

        context.CreateBookmark(new JsonObject { [EventNameProperty] = name });
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.SetOutput("result", context.ResumeInput, Result);
        await context.CompleteAsync();
    }
}
