using System.Security.Claims;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>Maps an authenticated principal to the engine's <see cref="UserIdentity"/>.</summary>
internal static class ClaimsPrincipalExtensions
{
    public static UserIdentity ToUserIdentity(this ClaimsPrincipal principal)
    {
        var name = principal.FindFirstValue(ServerClaimTypes.Name)
            ?? principal.FindFirstValue(ServerClaimTypes.Subject)
            ?? throw new InvalidOperationException("The authenticated principal has no 'name' or 'sub' claim.");
        var groups = principal.FindAll(ServerClaimTypes.Groups)
            .Select(claim => claim.Value)
            .ToHashSet(StringComparer.Ordinal);
        return new UserIdentity(name, groups);
    }

    /// <summary>Returns whether the caller authenticated with an API key rather than a user's token.</summary>
    public static bool IsApiKeyClient(this ClaimsPrincipal principal) =>
        principal.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName);
}
