namespace ModelEngine.Studio.Features.Processes;

/// <summary>Registers the services of the processes screens.</summary>
public static class ProcessesFeature
{
    public static IServiceCollection AddProcessesFeature(this IServiceCollection services)
    {
        return services;
    }
}
