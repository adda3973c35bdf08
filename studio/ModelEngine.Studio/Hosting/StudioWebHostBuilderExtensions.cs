using Microsoft.AspNetCore.Hosting.StaticWebAssets;

namespace ModelEngine.Studio.Hosting;

/// <summary>Makes the studio's static files available in every environment, not only in Development.</summary>
public static class StudioWebHostBuilderExtensions
{
    /// <summary>
    /// Reads the static web assets manifest (<c>{app}.staticwebassets.runtime.json</c>) when the app runs from its build
    /// output, in any environment. ASP.NET Core does this only in Development, so a build started as Production served
    /// every <c>_framework/</c> and <c>_content/</c> file (Blazor's script, MudBlazor, the canvas) as an error: the
    /// endpoints manifest names those files, but they live in NuGet packages and project folders, not in wwwroot.
    /// Published output has no such manifest, since its files are copied to wwwroot, and the call changes nothing there.
    /// </summary>
    public static IWebHostBuilder UseModelEngineStudioStaticWebAssets(this IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((context, _) =>
        {
            if (!context.HostingEnvironment.IsDevelopment())
            {
                StaticWebAssetsLoader.UseStaticWebAssets(context.HostingEnvironment, context.Configuration);
            }
        });
        return builder;
    }
}
