namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>The fields of the task shape (<c>GET /api/tasks/{id}</c>) that the dashboard shows for an overdue task.</summary>
public sealed record OverdueTask
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    public string? Status { get; init; }

    public string? Assignee { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? OverdueAt { get; init; }

    public string? DefinitionId { get; init; }

    public string? WorkflowInstanceId { get; init; }
}
