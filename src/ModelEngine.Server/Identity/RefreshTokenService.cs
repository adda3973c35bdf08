using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Security;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Issues opaque refresh tokens at login and exchanges them for new access tokens. Each exchange rotates the token:
/// the one presented is used up and a successor of the same family is returned. Presenting a used token again
/// revokes the whole family, so a stolen token stops working for the thief and the user alike, and the user logs in
/// again.
/// </summary>
internal sealed partial class RefreshTokenService
{
    private readonly IRefreshTokenStore _store;
    private readonly ConfiguredUserAuthenticator _users;
    private readonly IOptionsMonitor<ServerIdentityOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RefreshTokenService> _logger;

    public RefreshTokenService(
        IRefreshTokenStore store,
        ConfiguredUserAuthenticator users,
        IOptionsMonitor<ServerIdentityOptions> options,
        TimeProvider timeProvider,
        ILogger<RefreshTokenService> logger)
    {
        _store = store;
        _users = users;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Starts a new family for a user who just logged in, and returns its first token.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(UserIdentity user, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var token = NewToken();
        var expiresAt = now + _options.CurrentValue.RefreshTokenLifetime;
        await _store.CreateAsync(
            new RefreshTokenRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                TokenHash = CredentialHashes.HashApiKey(token),
                FamilyId = Guid.NewGuid().ToString("N"),
                UserName = user.Name,
                CreatedAt = now,
                ExpiresAt = expiresAt,
            },
            cancellationToken);
        return (token, expiresAt);
    }

    /// <summary>
    /// Exchanges a refresh token: returns the user with the groups configured now and the successor token, or the
    /// reason for the rejection.
    /// </summary>
    public async Task<RefreshResult> RotateAsync(string presentedToken, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var successor = NewToken();
        var expiresAt = now + _options.CurrentValue.RefreshTokenLifetime;
        var rotation = await _store.RotateAsync(CredentialHashes.HashApiKey(presentedToken), CredentialHashes.HashApiKey(successor), expiresAt, now, cancellationToken);
        switch (rotation.Status)
        {
            case RefreshTokenRotationStatus.Rotated:
                var user = _users.FindUser(rotation.Presented!.UserName);
                if (user is null)
                {
                    // The user was removed from the store after logging in: nothing of the family may be used again.
                    await _store.RevokeFamilyAsync(rotation.Presented.FamilyId, now, cancellationToken);
                    Log.UserGone(_logger, rotation.Presented.UserName, rotation.Presented.FamilyId);
                    return RefreshResult.Rejected("The user of this refresh token no longer exists. Log in again.");
                }

                return new RefreshResult(user, successor, expiresAt, null);

            case RefreshTokenRotationStatus.Reused:
                Log.Reused(_logger, rotation.Presented!.UserName, rotation.Presented.FamilyId);
                return RefreshResult.Rejected(
                    "The refresh token was used before. Every token issued since that login is revoked now, because a reused token may have been stolen. Log in again.");

            case RefreshTokenRotationStatus.Revoked:
                return RefreshResult.Rejected("The refresh token was revoked. Log in again.");

            case RefreshTokenRotationStatus.Expired:
                return RefreshResult.Rejected("The refresh token has expired. Log in again.");

            default:
                return RefreshResult.Rejected("The refresh token is unknown. Send the refreshToken from the last login or refresh response.");
        }
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1930, Level = LogLevel.Warning,
            Message = "A used refresh token of user {UserName} was presented again; token family {FamilyId} is revoked.")]
        public static partial void Reused(ILogger logger, string userName, string familyId);

        [LoggerMessage(EventId = 1931, Level = LogLevel.Warning,
            Message = "User {UserName} is no longer configured; refresh token family {FamilyId} is revoked.")]
        public static partial void UserGone(ILogger logger, string userName, string familyId);
    }
}
