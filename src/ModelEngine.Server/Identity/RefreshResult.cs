using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>The outcome of a refresh: the user and the successor token, or why the token was rejected.</summary>
internal sealed record RefreshResult(UserIdentity? User, string? RefreshToken, DateTimeOffset RefreshTokenExpiresAt, string? Rejection)
{
    public static RefreshResult Rejected(string reason) => new(null, null, default, reason);
}
