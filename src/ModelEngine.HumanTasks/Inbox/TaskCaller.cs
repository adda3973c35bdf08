using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>
/// The caller of a task operation and, for administrators, the user named in <c>onBehalfOf</c>: the operation is then
/// checked as that user's, and the history records both names.
/// </summary>
public sealed record TaskCaller(UserIdentity User, string? OnBehalfOf = null)
{
    public static implicit operator TaskCaller(UserIdentity user) => new(user);
}
