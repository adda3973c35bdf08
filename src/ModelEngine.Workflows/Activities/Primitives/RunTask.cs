using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>
/// Hands a named task to an external system and waits for its result, which arrives through
/// <c>POST /api/run-tasks/{id}/complete</c>. It is not a human task and appears in no inbox.
/// </summary>
[Activity("ModelEngine", "Primitives", "Waits for an external system to complete a named task.", Aliases = ["Elsa.RunTask"], Kind = "Task")]
public sealed class RunTask : Activity
{
    public const string TypeName = "ModelEngine.RunTask";

    [Input(Description = "The task's name, which the external system dispatches on.", IsRequired = true)]
    public Input<string>? TaskName { get; set; }

    [Input(Description = "Data for the external system.", DefaultSyntax = "JavaScript")]
    public Input<object>? Payload { get; set; }

    [Output(Description = "The result sent on completion.")]
    public Output<object>? Result { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var taskName = await context.EvaluateAsync(TaskName, "taskName");
        var payload = await context.EvaluateAsync(Payload, "payload");
        context.CreateBookmark(new JsonObject
        {
            ["taskName"] = taskName,
            ["payload"] = Models.JsonValueFactory.From(payload),
        });
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.SetOutput("result", context.ResumeInput, Result);
        await context.CompleteAsync();
    }
}
