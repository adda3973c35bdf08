using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>Issues HMAC-SHA256 signed JWT access tokens that carry the user's name and groups.</summary>
internal sealed class AccessTokenIssuer
{
    private readonly ServerIdentityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();

    public AccessTokenIssuer(IOptions<ServerIdentityOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public (string AccessToken, DateTimeOffset ExpiresAt) Issue(UserIdentity user)
    {
        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + _options.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(CreateSigningKey(_options), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ServerClaimTypes.Subject] = user.Name,
                [ServerClaimTypes.Name] = user.Name,
                [ServerClaimTypes.Groups] = user.Groups.Order(StringComparer.Ordinal).ToArray(),
            },
        };

        // A JWT carries whole seconds, so the reported expiry is truncated the same way.
        var expiresAtSeconds = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        return (_handler.CreateToken(descriptor), expiresAtSeconds);
    }

    public static SymmetricSecurityKey CreateSigningKey(ServerIdentityOptions options)
    {
        var key = options.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("Identity:SigningKey is not set.");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
