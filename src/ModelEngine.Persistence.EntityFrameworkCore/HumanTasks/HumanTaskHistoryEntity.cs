using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>A row of the HumanTaskHistory table: one transition of a task.</summary>
internal sealed class HumanTaskHistoryEntity
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string? OnBehalfOf { get; set; }

    public DateTimeOffset At { get; set; }

    public HumanTaskStatus? StatusBefore { get; set; }

    public HumanTaskStatus StatusAfter { get; set; }

    public string? DetailsJson { get; set; }
}
