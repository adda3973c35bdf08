namespace ModelEngine.Server.Notifications.Directory;

/// <summary>
/// Finds users' mailboxes and the members of groups, for e-mail about tasks. The default reads the configuration; a
/// host can register its own, such as one that queries an LDAP directory.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The contact of <paramref name="userName"/>, or <see langword="null"/> when the user has no mailbox.</summary>
    Task<UserContact?> FindContactAsync(string userName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> GetGroupMembersAsync(string group, CancellationToken cancellationToken = default);
}
