namespace ModelEngine.Fit.Plugins;

/// <summary>Whether a listed plugin is running.</summary>
public enum PluginState
{
    /// <summary>The plugin is loaded and its fitables are in the registry.</summary>
    Loaded,

    /// <summary>Loading the plugin failed; <see cref="PluginInfo.Error"/> contains the reason, and nothing of it is loaded.</summary>
    Failed,
}
