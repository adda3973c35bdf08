using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>Finds a configured user by name, for a token refresh that carries no password.</summary>
internal sealed partial class ConfiguredUserAuthenticator
{
    /// <summary>Returns the user with its current groups, or <see langword="null"/> when it is no longer configured.</summary>
    public UserIdentity? FindUser(string username)
    {
        var user = _options.CurrentValue.Users
            .FirstOrDefault(candidate => string.Equals(candidate.Username, username, StringComparison.OrdinalIgnoreCase));
        return user is null ? null : new UserIdentity(user.Username, user.Groups.ToHashSet(StringComparer.Ordinal));
    }
}
