using System.Collections.Immutable;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Loads, reloads and unloads operator plugins, and lists them with their state. Each plugin source (a folder or a
/// .zip) is copied to a private working folder and loaded into its own <see cref="PluginLoadContext"/>. Its fitables
/// are added to the <see cref="IFitRegistry"/> with the plugin id as their owner. A plugin that fails to load is
/// listed as <see cref="PluginState.Failed"/> with its error, and the other plugins keep running.
/// </summary>
/// <remarks>
/// Loads and unloads run one at a time. <see cref="Plugins"/> and <see cref="Find"/> read an immutable snapshot
/// without taking the lock, so they do not wait for a load in progress. <see cref="PluginChanged"/> is raised after the operation finishes, outside the manager's lock.
/// </remarks>
public sealed partial class PluginManager : IDisposable
{
    private readonly IFitRegistry _registry;
    private readonly PluginLoader _loader;
    private readonly ContractAssemblyLoader _contracts;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _operationLock = new();
    private ImmutableDictionary<string, Entry> _entries = ImmutableDictionary.Create<string, Entry>(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Creates the manager.</summary>
    /// <param name="registry">The registry that receives the plugins' fitables.</param>
    /// <param name="options">The plugin settings. The manager uses <see cref="PluginOptions.WorkDirectory"/> and <see cref="PluginOptions.ContractsDirectory"/>.</param>
    /// <param name="services">Passed to fitable classes whose constructor takes an <see cref="IServiceProvider"/>.</param>
    /// <param name="loggerFactory">Creates the manager's logger and the loggers passed to fitable classes whose constructor takes an <see cref="ILogger"/>.</param>
    /// <param name="timeProvider">Stamps <see cref="PluginInfo.Timestamp"/>. Defaults to the system clock.</param>
    public PluginManager(
        IFitRegistry registry,
        IOptions<PluginOptions> options,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _registry = registry;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger<PluginManager>();
        _contracts = new ContractAssemblyLoader(options.Value.GetContractsDirectory(), _logger);
        _loader = new PluginLoader(services, loggerFactory, _contracts);
        _workRoot = Path.GetFullPath(options.Value.WorkDirectory ?? Path.Combine(Path.GetTempPath(), DefaultWorkFolderName));
    }

    /// <summary>
    /// Raised after a plugin loads, fails to load or unloads, outside the manager's lock, on the thread that made the
    /// change. An exception from a handler is logged and does not reach the caller.
    /// </summary>
    public event EventHandler<PluginChangedEventArgs>? PluginChanged;

    /// <summary>The listed plugins, loaded and failed, ordered by source path.</summary>
    public IReadOnlyList<PluginInfo> Plugins =>
        Volatile.Read(ref _entries).Values.Select(e => e.Info).OrderBy(p => p.Source, StringComparer.Ordinal).ToArray();

    /// <summary>Returns the loaded plugin with id <paramref name="pluginId"/>, or <see langword="null"/>.</summary>
    public PluginInfo? Find(string pluginId) =>
        Volatile.Read(ref _entries).Values.Select(e => e.Info).FirstOrDefault(p => p.State == PluginState.Loaded && p.Id == pluginId);

    /// <summary>Returns the listed plugin from <paramref name="source"/>, loaded or failed, or <see langword="null"/>.</summary>
    public PluginInfo? GetBySource(string source) =>
        Volatile.Read(ref _entries).TryGetValue(NormalizeSource(source), out var entry) ? entry.Info : null;

    /// <summary>The full path of the contracts directory (<see cref="PluginOptions.ContractsDirectory"/>).</summary>
    public string ContractsDirectory => _contracts.Directory;

    /// <summary>
    /// The contract assemblies found in <see cref="ContractsDirectory"/> so far, with what became of each, ordered by
    /// path. Contracts that plugins carry in their manifest are not listed here.
    /// </summary>
    public IReadOnlyList<ContractAssemblyInfo> Contracts => _contracts.Contracts;

    /// <summary>
    /// Loads every contract assembly in <see cref="ContractsDirectory"/> that is new or has changed into the host's
    /// default load context. <see cref="Load"/> does this before each plugin, and the watcher calls it at start, so the
    /// contracts are loaded before any plugin and even when no plugin is present. A file that fails is logged (event
    /// 6421) and listed in <see cref="Contracts"/> as <see cref="ContractAssemblyState.Failed"/>. The others go on.
    /// </summary>
    /// <returns>The same list as <see cref="Contracts"/>.</returns>
    /// <remarks>
    /// The default context never unloads, so a contract stays loaded until the process ends. An assembly whose name is
    /// already loaded is not loaded again, so replacing a contract with a new version needs a restart.
    /// </remarks>
    public IReadOnlyList<ContractAssemblyInfo> LoadContracts()
    {
        lock (_operationLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _contracts.ScanDirectory();
        }

        return Contracts;
    }

    /// <summary>
    /// Loads the plugin folder or .zip at <paramref name="source"/>. When a plugin from the same source is already
    /// listed, it is unloaded first, so calling this again after the files changed reloads the plugin.
    /// </summary>
    /// <returns>The plugin's entry: <see cref="PluginState.Loaded"/>, or <see cref="PluginState.Failed"/> with the error.</returns>
    /// <remarks>Load failures are not thrown: they are logged, listed and returned.</remarks>
    public PluginInfo Load(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var path = NormalizeSource(source);
        var changes = new List<PluginChangedEventArgs>();
        PluginInfo info;
        lock (_operationLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(path, out var existing))
            {
                if (existing.Loaded is not null)
                {
                    PluginLog.Reloading(_logger, existing.Loaded.Manifest.Id, path);
                }

                // The old entry stays listed until the new one replaces it, so readers never see the plugin missing.
                UnloadCore(path, existing, changes, keepListed: true);
            }

            // Contracts dropped into the directory since the last load are in place before this plugin binds to them.
            _contracts.ScanDirectory();
            var entry = LoadCore(path);
            _entries = _entries.SetItem(path, entry);
            info = entry.Info;
            changes.Add(new PluginChangedEventArgs(info.State == PluginState.Loaded ? PluginChangeKind.Loaded : PluginChangeKind.Failed, info));
        }

        Raise(changes);
        return info;
    }

    /// <summary>
    /// Unloads the plugin from <paramref name="source"/>: removes its fitables from the registry, disposes its fitable
    /// objects and unloads its context. A failed plugin is only removed from the list.
    /// </summary>
    /// <returns><see langword="true"/> when the manager listed a plugin from that source.</returns>
    /// <remarks>
    /// Calls already running in the plugin are not waited for, and may see their instance disposed. The context is
    /// collected once they end and nothing else references the plugin's objects (see <see cref="PluginInfo.LoadContext"/>).
    /// </remarks>
    public bool Unload(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var path = NormalizeSource(source);
        var changes = new List<PluginChangedEventArgs>();
        lock (_operationLock)
        {
            if (!_entries.TryGetValue(path, out var entry))
            {
                return false;
            }

            UnloadCore(path, entry, changes);
        }

        Raise(changes);
        return true;
    }

    /// <summary>Unloads every plugin and deletes this process's working folder.</summary>
    public void Dispose()
    {
        var changes = new List<PluginChangedEventArgs>();
        lock (_operationLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var (path, entry) in _entries)
            {
                UnloadCore(path, entry, changes);
            }

            DeleteProcessWorkDirectory();
            _contracts.Dispose();
        }

        Raise(changes);
    }

    private Entry LoadCore(string path)
    {
        var workingDirectory = NextWorkingDirectory(path);
        StagedPlugin? staged = null;
        try
        {
            staged = PluginLoader.Stage(path, workingDirectory);
            var duplicate = _entries.Where(p => p.Key != path).Select(p => p.Value)
                .FirstOrDefault(e => e.Loaded?.Manifest.Id == staged.Manifest.Id);
            if (duplicate is not null)
            {
                throw new PluginLoadException(
                    $"{staged.ManifestDisplayPath}: field 'id' has the value '{staged.Manifest.Id}', but a plugin with that id is already loaded from {duplicate.Info.Source}. Give this plugin another id, or remove one of the two.");
            }

            var loaded = _loader.Activate(staged);
            Register(loaded, staged);
            var info = new PluginInfo
            {
                Source = path,
                State = PluginState.Loaded,
                Id = loaded.Manifest.Id,
                Version = loaded.Manifest.Version,
                Description = loaded.Manifest.Description,
                Fitables = loaded.Fitables.Select(f => f.Descriptor).ToArray(),
                Timestamp = _timeProvider.GetUtcNow(),
                LoadContext = new WeakReference<PluginLoadContext>(loaded.Context),
            };
            PluginLog.Loaded(_logger, loaded.Manifest.Id, loaded.Manifest.Version, path, loaded.Fitables.Count);
            return new Entry(info, loaded);
        }
        catch (Exception e)
        {
            // Any failure, expected or not, leaves this plugin listed as failed and the others untouched.
            var reason = e is PluginLoadException ? e.Message : $"{path}: loading the plugin failed with {e.GetType().Name}: {e.Message}";
            var pluginId = staged?.Manifest.Id ?? "(unknown)";
            PluginLog.Rejected(_logger, pluginId, path, reason, e is PluginLoadException ? null : e);
            TryDeleteDirectory(workingDirectory, pluginId);
            return new Entry(
                new PluginInfo
                {
                    Source = path,
                    State = PluginState.Failed,
                    Id = staged?.Manifest.Id,
                    Version = staged?.Manifest.Version,
                    Description = staged?.Manifest.Description,
                    Error = reason,
                    Timestamp = _timeProvider.GetUtcNow(),
                },
                null);
        }
    }

    private void Register(LoadedPlugin loaded, StagedPlugin staged)
    {
        var problems = new List<string>();
        foreach (var fitable in loaded.Fitables)
        {
            var descriptor = fitable.Descriptor;
            var contract = fitable.Genericable.Method?.DeclaringType;
            if (contract is not null && AssemblyLoadContext.GetLoadContext(contract.Assembly) == loaded.Context)
            {
                problems.Add($"{staged.ManifestDisplayPath}: the contract '{contract.FullName}' of genericable '{descriptor.GenericableId}' was loaded from the plugin folder, not from the host. Move the contract into an assembly of its own and list that assembly under the manifest's 'contracts' field, copy it into the host's contracts directory (Fit:Plugins:ContractsDirectory), or let the host reference it.");
            }

            var existing = _registry.GetLocal(descriptor.GenericableId, descriptor.Id);
            if (existing is not null && existing.Owner != loaded.Manifest.Id)
            {
                problems.Add($"{staged.ManifestDisplayPath}: fitable '{descriptor.Id}' of genericable '{descriptor.GenericableId}' is already registered by '{existing.Owner}'. Give the fitable another [Fitable] id, or remove the other registration.");
            }
        }

        if (problems.Count > 0)
        {
            Discard(loaded);
            throw new PluginLoadException(problems);
        }

        try
        {
            foreach (var fitable in loaded.Fitables)
            {
                _registry.AddLocal(fitable);
            }
        }
        catch
        {
            _registry.RemoveLocal(loaded.Manifest.Id);
            Discard(loaded);
            throw;
        }
    }

    private void UnloadCore(string path, Entry entry, List<PluginChangedEventArgs> changes, bool keepListed = false)
    {
        // The fitables leave the registry before the plugin leaves the list, so a reader that sees the plugin gone
        // never finds its fitables.
        if (entry.Loaded is { } loaded)
        {
            var removed = _registry.RemoveLocal(loaded.Manifest.Id);
            Discard(loaded);
            PluginLog.Unloaded(_logger, loaded.Manifest.Id, path, removed);
        }

        if (!keepListed)
        {
            _entries = _entries.Remove(path);
        }

        changes.Add(new PluginChangedEventArgs(PluginChangeKind.Unloaded, entry.Info));
    }

    private void Discard(LoadedPlugin loaded)
    {
        foreach (var error in PluginLoader.DisposeInstances(loaded.Instances))
        {
            PluginLog.DisposeFailed(_logger, loaded.Manifest.Id, loaded.Context.EntryAssemblyPath, error);
        }

        loaded.Context.Unload();
        TryDeleteDirectory(loaded.WorkingDirectory, loaded.Manifest.Id);
    }

    private void Raise(List<PluginChangedEventArgs> changes)
    {
        var handlers = PluginChanged;
        if (handlers is null)
        {
            return;
        }

        // Each handler runs on its own: one that throws is logged and does not stop the others, nor the caller's
        // load or unload, which has already happened.
        foreach (var change in changes)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<PluginChangedEventArgs>>())
            {
                try
                {
                    handler(this, change);
                }
                catch (Exception e)
                {
                    PluginLog.ChangeHandlerFailed(_logger, change.Plugin.Id ?? "(unknown)", change.Plugin.Source, change.Kind, e);
                }
            }
        }
    }

    private static string NormalizeSource(string source) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(source));

    /// <summary>A listed plugin: its public description and, when it is running, what was loaded.</summary>
    private sealed record Entry(PluginInfo Info, LoadedPlugin? Loaded);
}
