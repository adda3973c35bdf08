using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Plugins;

/// <summary>One plugin source (a folder or a .zip) as the <see cref="PluginManager"/> lists it, loaded or failed.</summary>
public sealed record PluginInfo
{
    /// <summary>The full path of the plugin folder or archive. The manager keys plugins by it.</summary>
    public required string Source { get; init; }

    public required PluginState State { get; init; }

    /// <summary>The plugin id from the manifest, or <see langword="null"/> when the manifest could not be read.</summary>
    public string? Id { get; init; }

    /// <summary>The plugin version from the manifest, or <see langword="null"/> when the manifest could not be read.</summary>
    public string? Version { get; init; }

    public string? Description { get; init; }

    /// <summary>The fitables the plugin added to the registry, or empty when it failed.</summary>
    public IReadOnlyList<FitableDescriptor> Fitables { get; init; } = [];

    /// <summary>Why loading failed, or <see langword="null"/> when it is loaded.</summary>
    public string? Error { get; init; }

    /// <summary>When the manager loaded the plugin or recorded its failure.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// A weak reference to the plugin's load context, or <see langword="null"/> when it failed. After an unload it dies
    /// once nothing references the plugin's types or objects, so hosts and tests can check that an unload really freed the
    /// plugin. Do not keep the target in a strong reference.
    /// </summary>
    public WeakReference<PluginLoadContext>? LoadContext { get; init; }
}
