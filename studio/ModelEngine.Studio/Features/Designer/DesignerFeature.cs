using ModelEngine.Studio.Features.Designer.Document;

namespace ModelEngine.Studio.Features.Designer;

/// <summary>Registers the services of the designer screens.</summary>
public static class DesignerFeature
{
    public static IServiceCollection AddDesignerFeature(this IServiceCollection services)
    {
        // Scoped: one clipboard per circuit, so copied activities can be pasted into another definition of the same tab.
        services.AddScoped<DesignerClipboard>();
        services.AddScoped<DesignerValidator>();
        services.AddScoped<DirectorySearch>();
        return services;
    }
}
