using Microsoft.Extensions.Options;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Notifications.Configuration;

namespace ModelEngine.Server.Notifications.Directory;

/// <summary>
/// Reads mailboxes from <c>HumanTasks:Email:Users</c>, and group members from <c>HumanTasks:Email:Groups</c> and from
/// the groups of the users under <c>Identity:Users</c>.
/// </summary>
internal sealed class ConfiguredUserDirectory : IUserDirectory
{
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly IOptionsMonitor<ServerIdentityOptions> _identity;

    public ConfiguredUserDirectory(IOptionsMonitor<NotificationOptions> options, IOptionsMonitor<ServerIdentityOptions> identity)
    {
        _options = options;
        _identity = identity;
    }

    public Task<UserContact?> FindContactAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var users = _options.CurrentValue.Email.Users;
        if (!users.TryGetValue(userName, out var user) || string.IsNullOrWhiteSpace(user.Address))
        {
            return Task.FromResult<UserContact?>(null);
        }

        return Task.FromResult<UserContact?>(new UserContact(userName, user.Address, string.IsNullOrWhiteSpace(user.Language) ? "en" : user.Language));
    }

    public Task<IReadOnlyList<string>> GetGroupMembersAsync(string group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var members = new SortedSet<string>(StringComparer.Ordinal);
        if (_options.CurrentValue.Email.Groups.TryGetValue(group, out var configured))
        {
            members.UnionWith(configured);
        }

        members.UnionWith(_identity.CurrentValue.Users
            .Where(user => user.Groups.Contains(group, StringComparer.Ordinal))
            .Select(user => user.Username));
        return Task.FromResult<IReadOnlyList<string>>(members.ToList());
    }
}
