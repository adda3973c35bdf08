using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Authenticates machine clients by the <c>X-Api-Key</c> header: first against the SHA-256 hashes under
/// <c>Identity:ApiKeys</c>, then against the keys created through <c>/api/api-keys</c>, which must be neither revoked
/// nor expired. A request without the header is left to the bearer handler.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim that carries the id of a stored key; configured keys have none.</summary>
    public const string KeyIdClaim = "api_key_id";

    private readonly IOptionsMonitor<ServerIdentityOptions> _identityOptions;
    private readonly StoredApiKeyCache _storedKeys;
    private readonly TimeProvider _timeProvider;

    public ApiKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        IOptionsMonitor<ServerIdentityOptions> identityOptions,
        StoredApiKeyCache storedKeys,
        TimeProvider timeProvider,
        ILoggerFactory logger,
        UrlEncoder encoder)
        : base(options, logger, encoder)
    {
        _identityOptions = identityOptions;
        _storedKeys = storedKeys;
        _timeProvider = timeProvider;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = CredentialHashes.HashApiKey(values.ToString());
        var configured = _identityOptions.CurrentValue.ApiKeys
            .FirstOrDefault(key => !string.IsNullOrEmpty(key.Hash) && CredentialHashes.HashesEqual(key.Hash, hash));
        if (configured is not null)
        {
            return Success(configured.Name, configured.Groups, keyId: null);
        }

        var stored = await _storedKeys.FindAsync(hash, Context.RequestAborted);
        if (stored is not null && stored.IsActiveAt(_timeProvider.GetUtcNow()))
        {
            return Success(stored.Name, stored.Groups, stored.Id);
        }

        if (stored is not null)
        {
            Log.InactiveKey(Logger, Request.Path, stored.Id, stored.Name);
            return AuthenticateResult.Fail($"The {HeaderName} header names API key '{stored.Name}', which is revoked or expired.");
        }

        Log.UnknownKey(Logger, Request.Path);
        return AuthenticateResult.Fail($"The {HeaderName} header does not match any key under Identity:ApiKeys or created through /api/api-keys.");
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> groups, string? keyId)
    {
        var claims = new List<Claim> { new(ServerClaimTypes.Name, name) };
        claims.AddRange(groups.Select(group => new Claim(ServerClaimTypes.Groups, group)));
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyIdClaim, keyId));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ServerClaimTypes.Name, ServerClaimTypes.Groups);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "A request to {Path} sent an X-Api-Key that matches no configured or stored key.")]
        public static partial void UnknownKey(ILogger logger, string path);

        [LoggerMessage(EventId = 1920, Level = LogLevel.Warning, Message = "A request to {Path} sent the revoked or expired API key {ApiKeyId} ({ApiKeyName}).")]
        public static partial void InactiveKey(ILogger logger, string path, string apiKeyId, string apiKeyName);
    }
}
