namespace ModelEngine.Fit.Plugins;

/// <summary>The data of a <see cref="PluginManager.PluginChanged"/> event.</summary>
public sealed class PluginChangedEventArgs(PluginChangeKind kind, PluginInfo plugin) : EventArgs
{
    public PluginChangeKind Kind { get; } = kind;

    /// <summary>The plugin after the change; for <see cref="PluginChangeKind.Unloaded"/>, as it was before.</summary>
    public PluginInfo Plugin { get; } = plugin;
}
