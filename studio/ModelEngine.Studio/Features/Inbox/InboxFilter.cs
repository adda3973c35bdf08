namespace ModelEngine.Studio.Features.Inbox;

/// <summary>The inbox filters the server applies: one status, a definition id and overdue tasks only.</summary>
public sealed class InboxFilter
{
    /// <summary>One status such as <c>Reserved</c>, or <see langword="null"/> for the view's default statuses.</summary>
    public string? Status { get; set; }

    public string? DefinitionId { get; set; }

    /// <summary>Whether to keep only tasks whose due date has passed.</summary>
    public bool OverdueOnly { get; set; }
}
