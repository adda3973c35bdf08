using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Points the bearer handler at an external OpenID Connect provider (<c>Identity:Oidc</c>): its discovery document
/// supplies the issuer and the signing keys, and the configured claims become the server's <c>name</c> and
/// <c>groups</c> claims. Nothing is fetched until the first request that carries a bearer token.
/// </summary>
internal static class OidcBearerSetup
{
    public static void Configure(JwtBearerOptions options, ExternalOidcOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.Audience = oidc.Audience;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(oidc.MetadataAddress))
        {
            options.MetadataAddress = oidc.MetadataAddress;
        }

        options.MapInboundClaims = false;

        // The issuer and the signing keys come from the discovery document, so neither is set here.
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = oidc.Audience,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = ServerClaimTypes.Name,
            RoleClaimType = ServerClaimTypes.Groups,
        };
    }

    /// <summary>
    /// Replaces the token's <c>name</c> claims with the value of <see cref="ExternalOidcOptions.NameClaim"/> (or
    /// <c>sub</c> when it is missing), and adds a <c>groups</c> claim for each value of
    /// <see cref="ExternalOidcOptions.GroupsClaim"/>. Providers often put a display name in <c>name</c>, which must not
    /// be taken for the user name.
    /// </summary>
    public static void MapClaims(ClaimsPrincipal? principal, ExternalOidcOptions oidc)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var userName = identity.FindFirst(oidc.NameClaim)?.Value ?? identity.FindFirst(ServerClaimTypes.Subject)?.Value;
        if (!string.Equals(oidc.NameClaim, ServerClaimTypes.Name, StringComparison.Ordinal))
        {
            foreach (var claim in identity.FindAll(ServerClaimTypes.Name).ToList())
            {
                identity.RemoveClaim(claim);
            }

            if (userName is not null)
            {
                identity.AddClaim(new Claim(ServerClaimTypes.Name, userName));
            }
        }

        if (!string.Equals(oidc.GroupsClaim, ServerClaimTypes.Groups, StringComparison.Ordinal))
        {
            foreach (var group in identity.FindAll(oidc.GroupsClaim).Select(claim => claim.Value).ToList())
            {
                identity.AddClaim(new Claim(ServerClaimTypes.Groups, group));
            }
        }
    }
}
