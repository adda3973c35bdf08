using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelEngine.Studio.Api;

namespace ModelEngine.Studio.Auth;

/// <summary>
/// Signs users in with the server's development identity, turns access tokens into the studio's principal, and renews
/// the token before it expires.
/// </summary>
public sealed class StudioSignIn(
    IHttpClientFactory httpClientFactory,
    StudioServerAddress serverAddress,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan s_renewBefore = TimeSpan.FromMinutes(5);

    /// <summary>Calls <c>POST /api/identity/login</c> and returns the principal, or <see langword="null"/> for wrong credentials.</summary>
    public async Task<ClaimsPrincipal?> LoginAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(StudioApiClient.HttpClientName);
        using var response = await client.PostAsJsonAsync(
            new Uri(serverAddress.BaseAddress, "api/identity/login"),
            new { username = userName, password },
            StudioJson.Options,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.BadRequest)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(StudioJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The server's login response had no body.");
        return CreatePrincipal(tokens.AccessToken, tokens.RefreshToken, "name", "groups");
    }

    /// <summary>Builds the cookie principal from an access token, whose claims name the user and the groups.</summary>
    public ClaimsPrincipal CreatePrincipal(string accessToken, string? refreshToken, string nameClaim, string groupsClaim)
    {
        var token = new JsonWebToken(accessToken);
        var claims = new List<Claim>();
        var name = token.Claims.FirstOrDefault(c => c.Type == nameClaim)?.Value
            ?? token.Claims.FirstOrDefault(c => c.Type == "sub")?.Value
            ?? string.Empty;
        claims.Add(new Claim(ClaimTypes.Name, name));
        claims.AddRange(token.Claims.Where(c => c.Type == groupsClaim).Select(c => new Claim(StudioAuthentication.GroupClaim, c.Value)));
        claims.Add(new Claim(StudioAuthentication.AccessTokenClaim, accessToken));
        claims.Add(new Claim(StudioAuthentication.ExpiresAtClaim, new DateTimeOffset(token.ValidTo, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (refreshToken is not null)
        {
            claims.Add(new Claim(StudioAuthentication.RefreshTokenClaim, refreshToken));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, StudioAuthentication.CookieScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Renews the access token shortly before it expires, through the refresh token, and rejects a session whose token has
    /// expired and cannot be renewed, so that the user signs in again.
    /// </summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirst(StudioAuthentication.ExpiresAtClaim)?.Value is not { } value || !long.TryParse(value, out var seconds))
        {
            context.RejectPrincipal();
            return;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = timeProvider.GetUtcNow();
        if (expiresAt - now > s_renewBefore)
        {
            return;
        }

        if (principal.FindFirst(StudioAuthentication.RefreshTokenClaim)?.Value is { } refreshToken)
        {
            var client = httpClientFactory.CreateClient(StudioApiClient.HttpClientName);
            using var response = await client.PostAsJsonAsync(
                new Uri(serverAddress.BaseAddress, "api/identity/refresh"),
                new { refreshToken },
                StudioJson.Options,
                context.HttpContext.RequestAborted).ConfigureAwait(false);
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync<TokenResponse>(StudioJson.Options, context.HttpContext.RequestAborted).ConfigureAwait(false) is { } tokens)
            {
                context.ReplacePrincipal(CreatePrincipal(tokens.AccessToken, tokens.RefreshToken, "name", "groups"));
                context.ShouldRenew = true;
                return;
            }
        }

        if (expiresAt <= now)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StudioAuthentication.CookieScheme).ConfigureAwait(false);
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("accessToken")] string AccessToken,
        [property: JsonPropertyName("refreshToken")] string? RefreshToken);
}
