namespace ModelEngine.Studio.Features.Inbox;

/// <summary>The inbox's views: the tasks the user holds, the unclaimed tasks of the user's groups, and every task (admins).</summary>
public enum InboxView
{
    Mine,
    Groups,
    All,
}
