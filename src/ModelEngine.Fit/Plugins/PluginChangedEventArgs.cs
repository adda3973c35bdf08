namespace ModelEngine.Fit.Plugins;

/// <summary>The data of a <see cref="PluginManager.PluginChanged"/> event.</summary>
public sealed class PluginChangedEventArgs(PluginChangeKind kind, PluginInfo plugin) : EventArgs
{
    public PluginChangeKind Kind { get; } = kind;

    /// <summary>The plugin after the change, or for <see cref="PluginChangeKind.Unloaded"/> the plugin as it was before.</summary>
    public PluginInfo Plugin { get; } = plugin;
}
