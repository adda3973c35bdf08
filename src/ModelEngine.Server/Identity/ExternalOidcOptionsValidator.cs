namespace ModelEngine.Server.Identity;

/// <summary>Checks the <c>Identity:Oidc</c> section when an authority is set.</summary>
internal static class ExternalOidcOptionsValidator
{
    public static void Validate(ExternalOidcOptions oidc, List<string> errors)
    {
        if (!oidc.IsEnabled)
        {
            return;
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            errors.Add($"Identity:Oidc:Authority is '{oidc.Authority}'; it must be the absolute URL of the provider's issuer, such as 'https://login.example.com/realms/modelengine'.");
        }
        else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
        {
            errors.Add($"Identity:Oidc:Authority is '{oidc.Authority}', an http URL, while Identity:Oidc:RequireHttpsMetadata is true. Use https, or set RequireHttpsMetadata to false for a provider on a development machine only.");
        }

        if (string.IsNullOrWhiteSpace(oidc.Audience))
        {
            errors.Add("Identity:Oidc:Audience is not set. Set it to the 'aud' value of the tokens meant for ModelEngine, usually its client id at the provider; without it, tokens issued for any other client would be accepted.");
        }

        if (string.IsNullOrWhiteSpace(oidc.NameClaim) || string.IsNullOrWhiteSpace(oidc.GroupsClaim))
        {
            errors.Add("Identity:Oidc:NameClaim and Identity:Oidc:GroupsClaim must name claims of the provider's access tokens, such as 'preferred_username' and 'groups'.");
        }
    }
}
