using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Authenticates machine clients by the <c>X-Api-Key</c> header against the SHA-256 hashes under
/// <c>Identity:ApiKeys</c>. A request without the header is left to the bearer handler.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private readonly IOptionsMonitor<ServerIdentityOptions> _identityOptions;

    public ApiKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        IOptionsMonitor<ServerIdentityOptions> identityOptions,
        ILoggerFactory logger,
        UrlEncoder encoder)
        : base(options, logger, encoder)
    {
        _identityOptions = identityOptions;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = CredentialHashes.HashApiKey(values.ToString());
        var match = _identityOptions.CurrentValue.ApiKeys
            .FirstOrDefault(key => !string.IsNullOrEmpty(key.Hash) && CredentialHashes.HashesEqual(key.Hash, hash));
        if (match is null)
        {
            Log.UnknownKey(Logger, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} header does not match any key under Identity:ApiKeys."));
        }

        var claims = new List<Claim> { new(ServerClaimTypes.Name, match.Name) };
        claims.AddRange(match.Groups.Select(group => new Claim(ServerClaimTypes.Groups, group)));
        var identity = new ClaimsIdentity(claims, SchemeName, ServerClaimTypes.Name, ServerClaimTypes.Groups);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "A request to {Path} sent an X-Api-Key that matches no configured key.")]
        public static partial void UnknownKey(ILogger logger, string path);
    }
}
