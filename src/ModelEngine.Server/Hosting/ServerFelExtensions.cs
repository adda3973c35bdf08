using ModelEngine.Fel.Providers;
using ModelEngine.Fel.Tools;
using ModelEngine.Fel.Workflows;

namespace ModelEngine.Server.Hosting;

/// <summary>Composes FEL into the server: the AI activities, the generation stream hub and its endpoint's settings.</summary>
internal static class ServerFelExtensions
{
    /// <summary>
    /// Adds the FEL activities (<c>ModelEngine.Fel.*</c>), the in-process generation stream hub and the settings of
    /// <c>Fel:Stream</c>. The activities find the model catalog, the knowledge bases, the ingestor and the tool sources
    /// in the container when they run. Until those modules are registered, an instance that reaches an activity needing
    /// one faults with an incident that names what to configure.
    /// </summary>
    public static IServiceCollection AddServerFel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddModelEngineFelWorkflows();
        services.AddFelModels(configuration);
        services.AddFelTools(configuration);
        services.AddOptions<FelStreamOptions>()
            .Bind(configuration.GetSection(FelStreamOptions.SectionName))
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero, $"{FelStreamOptions.SectionName}:HeartbeatInterval must be positive, such as 00:00:15.")
            .ValidateOnStart();
        return services;
    }
}
