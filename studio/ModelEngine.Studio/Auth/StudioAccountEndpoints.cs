using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using ModelEngine.Studio.Hosting;
using ModelEngine.Studio.Localization;

namespace ModelEngine.Studio.Auth;

/// <summary>Maps sign-out, the OpenID Connect challenge and the language switch. The login form is a page.</summary>
public static class StudioAccountEndpoints
{
    public static IEndpointRouteBuilder MapStudioAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IOptions<StudioOptions> options) =>
        {
            await context.SignOutAsync(StudioAuthentication.CookieScheme);
            return Results.LocalRedirect("~/account/login");
        });

        endpoints.MapGet("/account/oidc", (HttpContext context, string? returnUrl, IOptions<StudioOptions> options) =>
            options.Value.Oidc.IsEnabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + SafeReturnUrl(returnUrl, context.Request.PathBase)[1..] }, [StudioAuthentication.OidcScheme])
                : Results.NotFound());

        // The language switch stores the choice in the culture cookie and reloads the page, so every component renders
        // again in the new language.
        endpoints.MapGet("/culture/set", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (culture is null || !StudioCultures.All.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The culture is not supported.",
                    detail: $"Query parameter 'culture' is '{culture}'; it must be one of: {string.Join(", ", StudioCultures.All)}.",
                    extensions: new Dictionary<string, object?> { ["parameter"] = "culture", ["value"] = culture });
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl, context.Request.PathBase));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Keeps a return URL inside the studio, so that a crafted link cannot redirect elsewhere.</summary>
    /// A URL that starts with the studio's path base, as the cookie handler sends it, loses that prefix.
    public static string SafeReturnUrl(string? returnUrl, PathString pathBase)
    {
        if (returnUrl is not { Length: > 0 } || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
        {
            return "~/";
        }

        if (pathBase.HasValue && new PathString(returnUrl.Split('?')[0]).StartsWithSegments(pathBase, out var rest))
        {
            var query = returnUrl.Contains('?', StringComparison.Ordinal) ? returnUrl[returnUrl.IndexOf('?', StringComparison.Ordinal)..] : string.Empty;
            returnUrl = (rest.HasValue ? rest.Value : "/") + query;
        }

        return "~" + returnUrl;
    }
}
