using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ModelEngine.Studio.Auth;

/// <summary>
/// The signed-in user of one circuit: name, groups and the access token that API calls carry. The token comes from the
/// studio cookie, which the sign-in stored it in.
/// </summary>
public class StudioSession(AuthenticationStateProvider authenticationState)
{
    /// <summary>Returns the signed-in user, or an anonymous principal.</summary>
    public virtual async Task<ClaimsPrincipal> GetUserAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync().ConfigureAwait(false);
        return state.User;
    }

    /// <summary>Returns the access token for API calls, or <see langword="null"/> when no user is signed in.</summary>
    public virtual async Task<string?> GetAccessTokenAsync()
    {
        var user = await GetUserAsync().ConfigureAwait(false);
        return user.FindFirst(StudioAuthentication.AccessTokenClaim)?.Value;
    }
}
