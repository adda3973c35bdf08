namespace ModelEngine.Persistence.EntityFrameworkCore.Timers;

/// <summary>A row of the Timers table. <see cref="Id"/> is the id of the bookmark the timer resumes.</summary>
internal sealed class TimerEntity
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string BookmarkId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The end of the live claim on the timer, or <see langword="null"/> when the timer was never claimed.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
