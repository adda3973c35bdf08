namespace ModelEngine.HumanTasks.Model;

/// <summary>What happened to a task, as inboxes, webhooks and e-mail see it.</summary>
public enum HumanTaskEventKind
{
    Created,

    /// <summary>The task got a holder by assignment, delegation, reassignment or substitution, not by a claim.</summary>
    Assigned,

    Claimed,

    /// <summary>The holder gave the task back, or it was forwarded: it is offered to its candidates again.</summary>
    Released,

    /// <summary>Any other change that an open inbox shows: status, priority, dates, draft, comment or attachment.</summary>
    Updated,

    Completed,

    /// <summary>The task ended without completion: Failed, Exited, Obsolete or skipped.</summary>
    Ended,

    /// <summary>A deadline action fired.</summary>
    Escalated,

    Overdue,

    /// <summary>A reminder fired.</summary>
    Reminder,
}
