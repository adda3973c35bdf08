using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>A task an activity puts in reviewers' inboxes: its title, business data, assignment and decisions.</summary>
public sealed record HumanTaskRequest(string Title)
{
    public string? Description { get; init; }

    public JsonNode? Data { get; init; }

    public string? Assignee { get; init; }

    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public int Priority { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public JsonNode? FormSchema { get; init; }

    public JsonNode? UiSchema { get; init; }

    /// <summary>Every user the four-eyes rules keep from the task, already resolved.</summary>
    public IReadOnlyList<string> ExcludedUsers { get; init; } = [];

    public bool ExcludeInitiator { get; init; }

    public bool ExcludePreviousApprovers { get; init; }

    public IReadOnlyList<string> BusinessAdministrators { get; init; } = [];

    public bool Skippable { get; init; }

    public Model.ApprovalPolicy? ApprovalPolicy { get; init; }

    /// <summary>The task's place among the approvers of <see cref="ApprovalPolicy"/>, starting at 0.</summary>
    public int ApprovalStep { get; init; }
}
