using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Components;
using ModelEngine.Studio.Localization;

namespace ModelEngine.Studio.Hosting;

/// <summary>Serves the studio under <see cref="StudioOptions.PathBase"/>, in a branch of its own.</summary>
public static class StudioApplicationBuilderExtensions
{
    private const string GlobalEndpointRouteBuilderKey = "__GlobalEndpointRouteBuilder";

    /// <summary>
    /// Adds the studio branch. Requests under the path base get their own routing, the studio cookie as their user,
    /// request localization and antiforgery; other requests pass on unchanged.
    /// </summary>
    public static IApplicationBuilder UseModelEngineStudio(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<StudioOptions>>().Value;
        var pathBase = new PathString(options.PathBase);
        app.MapWhen(context => context.Request.Path.StartsWithSegments(pathBase), branch =>
        {
            // A WebApplication shares its route builder with every branch. Without this, the studio's endpoints would
            // also match at the site root, outside the branch.
            branch.Properties.Remove(GlobalEndpointRouteBuilderKey);
            branch.UsePathBase(pathBase);
            branch.UseRequestLocalization(StudioCultures.CreateLocalizationOptions());
            branch.UseRouting();
            branch.UseAuthentication();
            branch.Use(async (context, next) =>
            {
                // The studio's user is the cookie's, whatever the host's default scheme is. The Blazor circuit reads
                // HttpContext.User when it connects.
                var result = await context.AuthenticateAsync(StudioAuthentication.CookieScheme);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }

                await next(context);
            });
            branch.UseAuthorization();
            branch.UseAntiforgery();
            branch.UseEndpoints(endpoints =>
            {
                endpoints.MapStaticAssets();
                endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
                endpoints.MapStudioAccountEndpoints();
            });
        });
        return app;
    }
}
