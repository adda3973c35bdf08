using System.Reflection;
using System.Runtime.Loader;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// The collectible load context of one plugin. Any assembly that the host's default context has loaded or can
/// resolve comes from the host, so contracts (ModelEngine.Fit, contract assemblies, the framework) have one identity
/// in the host and in every plugin. Only assemblies the host does not have load from the plugin folder: first by the
/// entry assembly's <c>.deps.json</c>, then by file name in the folder.
/// </summary>
/// <remarks>
/// Sharing the host's copy means a plugin cannot bring its own version of an assembly the host has. A plugin built
/// against a newer version than the host provides fails to load that dependency from the host and gets its own copy,
/// which then has a different type identity from the host's.
/// </remarks>
public sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    /// <summary>Creates the context for a plugin whose entry assembly is at <paramref name="entryAssemblyPath"/>.</summary>
    /// <param name="pluginId">The plugin id, used as the context's name.</param>
    /// <param name="entryAssemblyPath">The full path of the plugin's entry assembly.</param>
    public PluginLoadContext(string pluginId, string entryAssemblyPath)
        : base($"plugin:{pluginId}", isCollectible: true)
    {
        ArgumentNullException.ThrowIfNull(entryAssemblyPath);
        PluginId = pluginId;
        EntryAssemblyPath = Path.GetFullPath(entryAssemblyPath);
        _directory = Path.GetDirectoryName(EntryAssemblyPath)!;
        _resolver = new AssemblyDependencyResolver(EntryAssemblyPath);
    }

    public string PluginId { get; }

    public string EntryAssemblyPath { get; }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var shared = LoadFromHost(assemblyName);
        if (shared is not null)
        {
            return shared;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } name)
        {
            var candidate = Path.Combine(_directory, name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static Assembly? LoadFromHost(AssemblyName assemblyName)
    {
        // An assembly already loaded in the default context wins whatever its version, so a contract has one identity.
        foreach (var assembly in Default.Assemblies)
        {
            if (AssemblyName.ReferenceMatchesDefinition(assemblyName, assembly.GetName()))
            {
                return assembly;
            }
        }

        // Otherwise the host's probing paths (framework and the application's own dependencies) decide.
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
