namespace ModelEngine.Fit.Plugins;

/// <summary>The state of a listed plugin: loaded or failed.</summary>
public enum PluginState
{
    /// <summary>The plugin is loaded and its fitables are in the registry.</summary>
    Loaded,

    /// <summary>Loading the plugin failed, so nothing of it is loaded. <see cref="PluginInfo.Error"/> contains the reason.</summary>
    Failed,
}
