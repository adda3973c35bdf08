using System.Reflection;
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
    private const string OwnAssetsPrefix = "/_content/ModelEngine.Studio";

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
            if (Assembly.GetEntryAssembly() == typeof(StudioApplicationBuilderExtensions).Assembly)
            {
                // Pages link the studio's own files under _content/ModelEngine.Studio, where a host that references the
                // studio serves them. Running alone, the studio serves them from its root, so the prefix is dropped.
                branch.Use((context, next) =>
                {
                    if (context.Request.Path.StartsWithSegments(OwnAssetsPrefix, out var rest))
                    {
                        context.Request.Path = rest;
                    }

                    return next(context);
                });
            }

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
