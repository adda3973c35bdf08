using Microsoft.Extensions.Configuration;
using ModelEngine.Fit.Hosting;

namespace ModelEngine.Fit.Plugins;

/// <summary>Adds operator plugins to a FIT setup.</summary>
public static class FitBuilderPluginExtensions
{
    /// <summary>
    /// Loads the operator plugins in the watched directory, and hot loads and unloads them as they come and go. The
    /// settings come from <c>Fit:Plugins</c> in the configuration given to <c>AddFit</c>, and <paramref name="directory"/>,
    /// when set, replaces <c>Fit:Plugins:Directory</c>.
    /// </summary>
    public static FitBuilder AddPlugins(this FitBuilder builder, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration ?? new ConfigurationBuilder().Build();
        builder.Services.AddFitPlugins(configuration, options =>
        {
            if (directory is not null)
            {
                options.Directory = directory;
            }
        });
        return builder;
    }
}
