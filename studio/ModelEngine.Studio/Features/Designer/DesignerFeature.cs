namespace ModelEngine.Studio.Features.Designer;

/// <summary>Registers the services of the designer screens.</summary>
public static class DesignerFeature
{
    public static IServiceCollection AddDesignerFeature(this IServiceCollection services)
    {
        return services;
    }
}
