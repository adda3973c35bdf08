using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins;

/// <summary>A plugin that is running: its context, its fitables and the objects created for them.</summary>
internal sealed class LoadedPlugin(
    PluginManifest manifest,
    PluginLoadContext context,
    IReadOnlyList<LocalFitable> fitables,
    IReadOnlyList<object> instances,
    string workingDirectory)
{
    public PluginManifest Manifest { get; } = manifest;

    public PluginLoadContext Context { get; } = context;

    public IReadOnlyList<LocalFitable> Fitables { get; } = fitables;

    public IReadOnlyList<object> Instances { get; } = instances;

    /// <summary>The private copy of the plugin's files that the context loads from.</summary>
    public string WorkingDirectory { get; } = workingDirectory;
}
