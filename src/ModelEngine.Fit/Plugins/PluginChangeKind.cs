namespace ModelEngine.Fit.Plugins;

/// <summary>The kind of change to a plugin in a <see cref="PluginManager.PluginChanged"/> event.</summary>
public enum PluginChangeKind
{
    /// <summary>The plugin loaded and its fitables are in the registry.</summary>
    Loaded,

    /// <summary>Loading failed. The plugin is listed with its error.</summary>
    Failed,

    /// <summary>The plugin was removed from the list. A loaded one had its fitables removed and its context unloaded.</summary>
    Unloaded,
}
