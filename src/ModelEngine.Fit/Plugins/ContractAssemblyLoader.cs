using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Puts contract assemblies into the host's default load context, where every plugin context finds them first, so a
/// host does not have to reference a plugin's contracts at build time. Sources are the contracts directory (scanned by
/// <see cref="ScanDirectory"/> and resolved on demand through <see cref="AssemblyLoadContext.Resolving"/>) and the
/// files a plugin manifest lists under <c>contracts</c> (<see cref="Promote"/>).
/// </summary>
/// <remarks>
/// The default context cannot unload, so a contract stays loaded until the process ends. Each assembly name loads
/// once per process: a later file with the same name is ignored, and a different version in it is logged at Debug. Files
/// are read into memory and loaded from there, so neither the contracts directory nor a plugin's working folder is
/// kept open.
/// </remarks>
internal sealed class ContractAssemblyLoader : IDisposable
{
    /// <summary>Serializes every load into the default context in this process, so an assembly name loads once.</summary>
    private static readonly Lock s_defaultContextLock = new();

    /// <summary>Set while <see cref="Promote"/> probes the host for a name, so the resolving hook does not load it from the directory.</summary>
    [ThreadStatic]
    private static bool t_probingHost;

    private readonly ILogger _logger;
    private readonly Lock _scanLock = new();

    /// <summary>The size and last-write time each directory file had when it was last handled, so a scan skips it until it changes.</summary>
    private readonly Dictionary<string, (long Length, DateTime LastWrite)> _handled = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, ContractAssemblyInfo> _contracts = ImmutableDictionary.Create<string, ContractAssemblyInfo>(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Creates the loader and hooks the default context's resolving event for <paramref name="directory"/>.</summary>
    public ContractAssemblyLoader(string directory, ILogger logger)
    {
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        _logger = logger;
        AssemblyLoadContext.Default.Resolving += OnResolving;
    }

    /// <summary>The full path of the contracts directory.</summary>
    public string Directory { get; }

    /// <summary>The directory's files handled so far, ordered by path.</summary>
    public IReadOnlyList<ContractAssemblyInfo> Contracts =>
        Volatile.Read(ref _contracts).Values.OrderBy(c => c.Path, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Offers every <c>*.dll</c> in the directory that is new or changed since the last scan to the default context.
    /// A file that fails is logged and listed, and the others go on. It is tried again once it changes.
    /// </summary>
    public void ScanDirectory()
    {
        lock (_scanLock)
        {
            string[] files;
            try
            {
                if (!System.IO.Directory.Exists(Directory))
                {
                    return;
                }

                files = System.IO.Directory.GetFiles(Directory, "*.dll");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                PluginLog.ContractFailed(_logger, Directory, e.Message, e);
                return;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                Handle(file, probeHost: true);
            }
        }
    }

    /// <summary>
    /// Makes the assembly in <paramref name="path"/> available in the default context: when an assembly with its name
    /// is already loaded there, or the host can resolve it from its own dependencies, that one is kept. Otherwise the
    /// file is loaded. A bad file is not thrown for: the returned state and error describe it.
    /// </summary>
    /// <param name="path">The full path of the .dll.</param>
    /// <param name="probeHost">Whether to try the host's own probing (its dependencies) before loading the file.</param>
    public ContractAssemblyInfo Promote(string path, bool probeHost)
    {
        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Failed(path, null, $"the file is not a readable .NET assembly: {e.Message}");
        }

        lock (s_defaultContextLock)
        {
            var existing = FindLoaded(name.Name!) ?? (probeHost ? ProbeHost(name) : null);
            if (existing is not null)
            {
                var version = existing.GetName().Version;
                if (version != name.Version)
                {
                    PluginLog.ContractAlreadyLoaded(_logger, name.Name!, path, name.Version?.ToString() ?? "", version?.ToString() ?? "");
                }

                return new ContractAssemblyInfo { Path = path, State = ContractAssemblyState.AlreadyLoaded, AssemblyName = name.Name, Version = version };
            }

            try
            {
                using var image = new MemoryStream(File.ReadAllBytes(path));
                var symbolsPath = Path.ChangeExtension(path, ".pdb");
                using var symbols = File.Exists(symbolsPath) ? new MemoryStream(File.ReadAllBytes(symbolsPath)) : null;
                var assembly = AssemblyLoadContext.Default.LoadFromStream(image, symbols);
                var loadedName = assembly.GetName();
                PluginLog.ContractLoaded(_logger, loadedName.Name!, loadedName.Version?.ToString() ?? "", path);
                return new ContractAssemblyInfo { Path = path, State = ContractAssemblyState.Loaded, AssemblyName = loadedName.Name, Version = loadedName.Version };
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException or UnauthorizedAccessException)
            {
                return Failed(path, name.Name, $"loading it into the default context failed: {e.Message}");
            }
        }
    }

    /// <summary>Unhooks the resolving event.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            AssemblyLoadContext.Default.Resolving -= OnResolving;
        }
    }

    /// <summary>Resolves a failed default-context lookup with <c>{name}.dll</c> from the contracts directory, when there is one.</summary>
    private Assembly? OnResolving(AssemblyLoadContext context, AssemblyName name)
    {
        if (t_probingHost || name.Name is not { Length: > 0 } simpleName || simpleName.AsSpan().ContainsAny('/', '\\'))
        {
            return null;
        }

        var path = Path.Combine(Directory, simpleName + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }

        ContractAssemblyInfo? result;
        lock (_scanLock)
        {
            result = Handle(path, probeHost: false);
        }

        if (result is null)
        {
            return null;
        }

        // A file whose assembly has another name than the requested one cannot resolve the request.
        return result.State != ContractAssemblyState.Failed && string.Equals(result.AssemblyName, simpleName, StringComparison.OrdinalIgnoreCase)
            ? FindLoaded(simpleName)
            : null;
    }

    /// <summary>
    /// Offers one directory file to the default context unless it is unchanged since it was last handled, and returns
    /// what became of it. Returns <see langword="null"/> when the file cannot be read. The caller holds <c>_scanLock</c>.
    /// </summary>
    private ContractAssemblyInfo? Handle(string file, bool probeHost)
    {
        (long, DateTime) stamp;
        try
        {
            var info = new FileInfo(file);
            stamp = (info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // An unchanged file keeps its result, so a failed one is not retried or logged again until it changes.
        if (_handled.TryGetValue(file, out var last) && last == stamp && _contracts.TryGetValue(file, out var known))
        {
            return known;
        }

        _handled[file] = stamp;
        var result = Promote(file, probeHost);
        Record(result);
        return result;
    }

    private void Record(ContractAssemblyInfo result)
    {
        if (result.State == ContractAssemblyState.Failed)
        {
            PluginLog.ContractFailed(_logger, result.Path, result.Error!, null);
        }

        _contracts = _contracts.SetItem(result.Path, result);
    }

    private static Assembly? FindLoaded(string simpleName)
    {
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            if (string.Equals(assembly.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase))
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>Probes the default context's own paths (the framework and the host's dependencies) for the name.</summary>
    private static Assembly? ProbeHost(AssemblyName name)
    {
        t_probingHost = true;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name.Name!));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
        finally
        {
            t_probingHost = false;
        }
    }

    private static ContractAssemblyInfo Failed(string path, string? assemblyName, string error) =>
        new() { Path = path, State = ContractAssemblyState.Failed, AssemblyName = assemblyName, Error = error };
}
