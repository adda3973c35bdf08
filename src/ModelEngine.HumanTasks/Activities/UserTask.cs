using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Deadlines;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>
/// Puts approval tasks in reviewers' inboxes and waits for their decision. One task decides alone, or an
/// <see cref="ApprovalPolicy"/> gives a task to each of several approvers, at once or one after another. The decided
/// outcome is the port the flow leaves through, and <see cref="Result"/> contains {outcome, comment, data, completedBy,
/// votes}.
/// </summary>
[Activity("ModelEngine", "Human tasks", "Asks a person to approve, reject or choose another outcome.", Kind = "Task", DisplayName = "User task")]
[FlowNode("Approve", "Reject")]
public sealed partial class UserTask : Activity
{
    public const string TypeName = "ModelEngine.UserTask";
    public static readonly IReadOnlyList<string> DefaultOutcomes = ["Approve", "Reject"];

    /// <summary>The port a skipped task leaves through, added to the outcomes when <see cref="Skippable"/> is set.</summary>
    public const string SkippedOutcome = ApprovalVote.SkippedOutcome;

    private const string PeopleCategory = "People";
    private const string DeadlinesCategory = "Deadlines";

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

    [Input(Description = "The decisions the reviewer can make; each is a port. The first one approves in a multi-approver vote.", UIHint = UIHints.DynamicOutcomes, Order = 6)]
    public Input<string[]>? Outcomes { get; set; }

    [Input(Description = "When the task is due, counted from its creation. At that time an open task is marked overdue; it stays open.", UIHint = UIHints.Duration, Order = 7)]
    public Input<TimeSpan?>? DueIn { get; set; }

    [Input(Description = "Higher numbers come first in the inbox.", Order = 8)]
    public Input<int>? Priority { get; set; }

    [Input(Description = "An optional JSON Schema for the completion data.", UIHint = UIHints.JsonEditor, Order = 9)]
    public Input<object>? FormSchema { get; set; }

    [Input(Description = "Hints for rendering the form, passed to the form as they are.", UIHint = UIHints.JsonEditor, Order = 10)]
    public Input<object>? UiSchema { get; set; }

    [Input(
        Description = "Who decides: {kind: Single | Parallel | Sequential, approvers: [\"bob\", \"group:finance\"], required, percentage, rejectEndsVote}. Parallel gives each approver a task at once, and required (a count) or percentage of approvals decide; Sequential asks one approver after another. Approvers replace assignee and candidates.",
        UIHint = UIHints.JsonEditor,
        Category = "Approval",
        Order = 11)]
    public Input<object>? ApprovalPolicy { get; set; }

    [Input(Description = "Users who may not claim, start, complete or receive the task.", UIHint = UIHints.UserPicker, Category = PeopleCategory, Order = 12)]
    public Input<string[]>? ExcludedUsers { get; set; }

    [Input(Description = "Keeps the user who started the instance from deciding the task (four-eyes).", UIHint = UIHints.Checkbox, Category = PeopleCategory, Order = 13)]
    public Input<bool>? ExcludeInitiator { get; set; }

    [Input(Description = "Keeps the users who completed earlier tasks of the instance from deciding this one.", UIHint = UIHints.Checkbox, Category = PeopleCategory, Order = 14)]
    public Input<bool>? ExcludePreviousApprovers { get; set; }

    [Input(Description = "Users who administer the task: they see it and may act on it, or on behalf of someone else.", UIHint = UIHints.UserPicker, Category = PeopleCategory, Order = 15)]
    public Input<string[]>? BusinessAdministrators { get; set; }

    [Input(Description = "Lets the holder or an administrator skip the task; the flow then leaves through the Skipped port.", UIHint = UIHints.Checkbox, Order = 16)]
    public Input<bool>? Skippable { get; set; }

    [Input(
        Description = "What happens when nobody started the task in time: {after: \"PT8H\", action: Notify | Reassign | Complete, target: \"bob\" or \"group:leads\", outcome}.",
        UIHint = UIHints.JsonEditor,
        Category = DeadlinesCategory,
        Order = 17)]
    public Input<object>? StartDeadline { get; set; }

    [Input(
        Description = "What happens when the task is still open: {after: \"P2D\", action: Notify | Reassign | Complete, target: \"bob\" or \"group:leads\", outcome}.",
        UIHint = UIHints.JsonEditor,
        Category = DeadlinesCategory,
        Order = 18)]
    public Input<object>? CompletionDeadline { get; set; }

    [Input(Description = "Reminds the task's users while it is open: {every: \"P1D\", times: 3}.", UIHint = UIHints.JsonEditor, Category = DeadlinesCategory, Order = 19)]
    public Input<object>? Reminder { get; set; }

    [Input(
        Description = "The business calendar, from HumanTasks:Calendars in configuration, that dueIn, deadlines and reminders count working time in. Empty counts wall-clock time.",
        UIHint = UIHints.SingleLine,
        Category = DeadlinesCategory,
        Order = 20)]
    public Input<string>? BusinessCalendar { get; set; }

    [Output(Description = "The decision: {outcome, comment, data, completedBy, votes: [{user, outcome, comment, at}]}.")]
    public Output<object>? Result { get; set; }

    public override IReadOnlyList<string> GetOutcomes()
    {
        var outcomes = LiteralInputs.ReadStrings(Outcomes);
        if (outcomes is null)
        {
            // The outcomes come from an expression, so they are known only at run time.
            return ["*"];
        }

        var ports = outcomes.Count == 0 ? DefaultOutcomes : outcomes;
        if (LiteralInputs.TryReadValue(Skippable, out var skippable) && skippable)
        {
            return [.. ports, SkippedOutcome];
        }

        return ports;
    }

    protected override IEnumerable<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (LiteralInputs.TryReadValue(DueIn, out var dueIn) && dueIn < TimeSpan.Zero)
        {
            errors.Add(new ValidationError(Id, "dueIn", dueIn.Value.ToString(), NegativeDueInMessage(dueIn.Value)));
        }

        var reader = new InputJson(Id, errors);
        var literalOutcomes = LiteralInputs.ReadStrings(Outcomes);
        var outcomes = literalOutcomes is { Count: 0 } ? DefaultOutcomes : literalOutcomes;
        if (LiteralInputs.TryReadValue(ApprovalPolicy, out var policy))
        {
            ApprovalPolicyReader.Read(reader, policy);
        }

        if (LiteralInputs.TryReadValue(StartDeadline, out var startDeadline))
        {
            DeadlineReader.ReadDeadline(reader, startDeadline, DeadlineReader.StartDeadlineInput, outcomes);
        }

        if (LiteralInputs.TryReadValue(CompletionDeadline, out var completionDeadline))
        {
            DeadlineReader.ReadDeadline(reader, completionDeadline, DeadlineReader.CompletionDeadlineInput, outcomes);
        }

        if (LiteralInputs.TryReadValue(Reminder, out var reminder))
        {
            DeadlineReader.ReadReminder(reader, reminder);
        }

        if (LiteralInputs.TryReadValue(FormSchema, out var formSchema)
            && Inbox.TaskFormValidator.FindSchemaProblem(Workflows.Models.JsonValueFactory.From(formSchema)) is { } schemaProblem)
        {
            errors.Add(new ValidationError(Id, "formSchema", Workflows.Models.JsonValueFactory.From(formSchema)?.ToJsonString(), schemaProblem));
        }

        if (LiteralInputs.TryReadValue(UiSchema, out var uiSchema))
        {
            reader.ReadObject(uiSchema, "uiSchema", "{\"amount\": {\"ui:widget\": \"updown\"}}");
        }

        if (LiteralInputs.TryReadValue(Skippable, out var skippable) && skippable && outcomes is not null)
        {
            CheckSkippedOutcome(reader, outcomes);
        }

        return errors;
    }

    private static void CheckSkippedOutcome(InputJson reader, IReadOnlyList<string> outcomes)
    {
        if (outcomes.Contains(SkippedOutcome, StringComparer.OrdinalIgnoreCase))
        {
            reader.Add("outcomes", SkippedOutcome, $"'outcomes' has '{SkippedOutcome}', which a skippable task adds by itself. Rename that outcome, or turn off 'skippable'.");
        }
    }

    private string NegativeDueInMessage(TimeSpan dueIn) =>
        $"Activity '{Id}' (UserTask) has a negative 'dueIn' {dueIn}. Use a positive duration, such as PT4H or 04:00:00.";
}
