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
}
