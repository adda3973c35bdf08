namespace ModelEngine.Studio.Auth;

/// <summary>Names of the studio's authentication schemes, policy and claims.</summary>
public static class StudioAuthentication
{
    /// <summary>The cookie that keeps a studio session, apart from the API's bearer scheme.</summary>
    public const string CookieScheme = "ModelEngine.Studio";

    /// <summary>The OpenID Connect scheme, registered when <c>Studio:Oidc:Authority</c> is set.</summary>
    public const string OidcScheme = "ModelEngine.Studio.Oidc";

    /// <summary>The authorization policy of every studio page except the login page.</summary>
    public const string Policy = "ModelEngine.Studio";

    /// <summary>The claim with the access token that the studio sends to the server.</summary>
    public const string AccessTokenClaim = "modelengine:access_token";

    /// <summary>The claim with the refresh token of a development-identity login.</summary>
    public const string RefreshTokenClaim = "modelengine:refresh_token";

    /// <summary>The claim with the access token's expiry, as Unix seconds.</summary>
    public const string ExpiresAtClaim = "modelengine:expires_at";

    /// <summary>The claim type of the user's groups in the studio's principal.</summary>
    public const string GroupClaim = "groups";
}
