using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>
/// Puts an approval task in reviewers' inboxes and waits for its completion. The chosen outcome is the port the flow
/// leaves through, and <see cref="Result"/> contains {outcome, comment, data, completedBy}.
/// </summary>
[Activity("ModelEngine", "Human tasks", "Asks a person to approve, reject or choose another outcome.", Kind = "Task", DisplayName = "User task")]
[FlowNode("Approve", "Reject")]
public sealed class UserTask : Activity
{
    public const string TypeName = "ModelEngine.UserTask";
    public static readonly IReadOnlyList<string> DefaultOutcomes = ["Approve", "Reject"];

    [Input(Description = "The task title shown in the inbox.", IsRequired = true, Order = 0)]
    public Input<string>? Title { get; set; }

    [Input(Description = "What the reviewer should check.", UIHint = UIHints.MultiLine, Order = 1)]
    public Input<string>? Description { get; set; }

    [Input(Description = "The business object shown to the reviewer, such as amount, item and requester.", DefaultSyntax = "JavaScript", Order = 2)]
    public Input<object>? Data { get; set; }

    [Input(Description = "The user who holds the task from the start.", UIHint = UIHints.UserPicker, Order = 3)]
    public Input<string>? Assignee { get; set; }

    [Input(Description = "Users who may claim the task.", UIHint = UIHints.UserPicker, Order = 4)]
    public Input<string[]>? CandidateUsers { get; set; }

    [Input(Description = "Groups whose members may claim the task.", UIHint = UIHints.GroupPicker, Order = 5)]
    public Input<string[]>? CandidateGroups { get; set; }

    [Input(Description = "The decisions the reviewer can make; each is a port.", UIHint = UIHints.DynamicOutcomes, Order = 6)]
    public Input<string[]>? Outcomes { get; set; }

    [Input(Description = "When the task is due, counted from its creation. At that time an open task is marked overdue; it stays open.", UIHint = UIHints.Duration, Order = 7)]
    public Input<TimeSpan?>? DueIn { get; set; }

    [Input(Description = "Higher numbers come first in the inbox.", Order = 8)]
    public Input<int>? Priority { get; set; }

    [Input(Description = "An optional JSON Schema for the completion data.", UIHint = UIHints.JsonEditor, Order = 9)]
    public Input<object>? FormSchema { get; set; }

    [Output(Description = "The decision: {outcome, comment, data, completedBy}.")]
    public Output<object>? Result { get; set; }

    public override IReadOnlyList<string> GetOutcomes()
    {
        var outcomes = LiteralInputs.ReadStrings(Outcomes);
        if (outcomes is null)
        {
            // The outcomes come from an expression, so they are known only at run time.
            return ["*"];
        }

        return outcomes.Count == 0 ? DefaultOutcomes : outcomes;
    }

    protected override IEnumerable<Workflows.Validation.ValidationError> Validate()
    {
        if (LiteralInputs.TryReadValue(DueIn, out var dueIn) && dueIn < TimeSpan.Zero)
        {
            yield return new Workflows.Validation.ValidationError(Id, "dueIn", dueIn.Value.ToString(), NegativeDueInMessage(dueIn.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var title = await context.EvaluateAsync(Title, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (UserTask) has an empty 'title'. Give the task a title.");
        }

        var outcomes = await context.EvaluateAsync(Outcomes, "outcomes") is { Length: > 0 } listed ? listed : DefaultOutcomes.ToArray();
        var dueIn = await context.EvaluateAsync(DueIn, "dueIn");
        if (dueIn < TimeSpan.Zero)
        {
            throw new WorkflowFaultException(NegativeDueInMessage(dueIn.Value));
        }

        HumanTaskFactory.Create(context, new HumanTaskRequest(title)
        {
            Description = await context.EvaluateAsync(Description, "description"),
            Data = JsonValueFactory.From(await context.EvaluateAsync(Data, "data")),
            Assignee = await context.EvaluateAsync(Assignee, "assignee"),
            CandidateUsers = await context.EvaluateAsync(CandidateUsers, "candidateUsers") ?? [],
            CandidateGroups = await context.EvaluateAsync(CandidateGroups, "candidateGroups") ?? [],
            Outcomes = outcomes,
            Priority = await context.EvaluateAsync(Priority, "priority"),
            DueAt = dueIn is { } span ? context.TimeProvider.GetUtcNow() + span : null,
            FormSchema = JsonValueFactory.From(await context.EvaluateAsync(FormSchema, "formSchema")),
        });
    }

    protected override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        if (HumanTaskFactory.TryHandleDue(context))
        {
            // The task stays open, and the activity keeps waiting on the task's own bookmark.
            return;
        }

        var result = context.ResumeInput as JsonObject ?? [];
        var outcome = result["outcome"]?.GetValue<string>() ?? DefaultOutcomes[0];
        context.SetOutput("result", result, Result);
        await context.CompleteAsync(outcome);
    }

    protected override ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason)
    {
        HumanTaskFactory.Close(context, reason);
        return ValueTask.CompletedTask;
    }

    private string NegativeDueInMessage(TimeSpan dueIn) =>
        $"Activity '{Id}' (UserTask) has a negative 'dueIn' {dueIn}. Use a positive duration, such as PT4H or 04:00:00.";
}
