using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Primitives;

/// <summary>Writes a line of text to the instance's journal.</summary>
[Activity("ModelEngine", "Primitives", "Writes a line to the instance journal.", Aliases = ["Elsa.WriteLine"])]
public sealed class WriteLine : Activity
{
    [Input(Description = "The text to write.", UIHint = UIHints.MultiLine)]
    public Input<string>? Text { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var text = await context.EvaluateAsync(Text, "text");
        context.Journal(JournalEvents.WriteLine, text);
        await context.CompleteAsync();
    }
}
