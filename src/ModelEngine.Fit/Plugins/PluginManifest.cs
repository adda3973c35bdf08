namespace ModelEngine.Fit.Plugins;

/// <summary>
/// The contents of a plugin's <c>plugin.json</c>: who the plugin is, which assembly to load and which genericables
/// and fitables it must provide. <see cref="PluginManifestReader"/> parses and validates it.
/// </summary>
public sealed record PluginManifest
{
    /// <summary>The file name every plugin folder or archive has at its root.</summary>
    public const string FileName = "plugin.json";

    /// <summary>The plugin id: unique among loaded plugins, and the owner of its fitables in the registry.</summary>
    public required string Id { get; init; }

    /// <summary>The plugin version, for people and logs. Loading does not compare versions.</summary>
    public required string Version { get; init; }

    /// <summary>The path of the assembly to load, relative to the plugin folder (for example <c>MyOperators.dll</c>).</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>
    /// Contract assemblies the plugin carries, as paths relative to the plugin folder (for example
    /// <c>contracts/MyContracts.dll</c>). They are loaded into the host's default context before the entry assembly,
    /// unless an assembly with the same name is already there, and stay loaded after the plugin unloads.
    /// </summary>
    public IReadOnlyList<string> Contracts { get; init; } = [];

    /// <summary>The genericables the plugin implements.</summary>
    public required IReadOnlyList<PluginGenericableReference> Genericables { get; init; }

    /// <summary>The fitables the plugin provides. Loading checks them against the entry assembly.</summary>
    public required IReadOnlyList<PluginFitableReference> Fitables { get; init; }

    /// <summary>A free-form description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }
}
