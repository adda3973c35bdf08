using ModelEngine.Studio.Hosting;

namespace ModelEngine.Studio;

/// <summary>
/// The standalone studio: it serves the studio under Studio:PathBase and calls the server at Studio:ServerUrl. A named
/// class, not top-level statements, so that it does not clash with the server's public <c>Program</c>.
/// </summary>
internal static class StudioProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseModelEngineStudioStaticWebAssets();
        builder.Services.AddModelEngineStudio(builder.Configuration);

        var app = builder.Build();
        app.UseModelEngineStudio();
        var pathBase = builder.Configuration["Studio:PathBase"] ?? "/studio";
        app.MapGet("/", () => Results.Redirect(pathBase + "/"));

        await app.RunAsync();
    }
}
