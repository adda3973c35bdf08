using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Keeps the <see cref="PluginManager"/> in step with the plugin directory (<c>Fit:Plugins:Directory</c>). At start it
/// loads every plugin folder and .zip in the directory. Afterwards a plugin that appears is loaded once its files
/// stay unchanged for <see cref="PluginOptions.DebounceInterval"/>, one that changes is reloaded (unloaded, then
/// loaded), and one that disappears is unloaded.
/// </summary>
/// <remarks>
/// A <see cref="FileSystemWatcher"/> triggers a scan when something changes. A rescan every
/// <see cref="PluginOptions.RescanInterval"/> catches events the file system did not deliver. A scan compares each
/// entry's fingerprint (relative path, size and last-write time of every file) with the one it last loaded. Hidden
/// entries (names starting with '.') and files other than .zip are ignored, so a tool can write
/// <c>name.zip.tmp</c> and rename it when done. The contracts directory (<see cref="PluginOptions.ContractsDirectory"/>,
/// by default <c>contracts</c> in the watched directory) is not a plugin either. Its assemblies are loaded into the
/// default context at start, before any plugin, and looked at again before each plugin load.
/// </remarks>
public sealed partial class PluginDirectoryWatcher : IHostedService, IDisposable
{
    private readonly PluginManager _manager;
    private readonly PluginOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _contractsDirectory;
    private readonly Dictionary<string, Observation> _observed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fingerprint> _applied = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _signal = NewSignal();
    private FileSystemWatcher? _watcher;
    private Task? _loop;

    /// <summary>Creates the watcher.</summary>
    /// <param name="manager">The manager that loads and unloads the plugins.</param>
    /// <param name="options">The plugin settings.</param>
    /// <param name="logger">The watcher's logger.</param>
    /// <param name="timeProvider">Times the debounce and the rescans. Defaults to the system clock.</param>
    public PluginDirectoryWatcher(
        PluginManager manager,
        IOptions<PluginOptions> options,
        ILogger<PluginDirectoryWatcher> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _manager = manager;
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_options.Directory));
        _contractsDirectory = _options.GetContractsDirectory();
    }

    /// <summary>The full path of the watched directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// Loads the contract assemblies of the contracts directory and the plugins already in the watched directory, then
    /// starts watching it. Does nothing when plugins are disabled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The working folder lies inside the watched directory.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            PluginLog.WatchDisabled(_logger);
            return Task.CompletedTask;
        }

        CheckWorkDirectory();
        System.IO.Directory.CreateDirectory(Directory);
        _watcher = _options.UseFileSystemEvents ? CreateFileSystemWatcher() : null;

        // Shared contracts load first, so every plugin binds to them. The plugins present at start are taken as complete
        // and load before the host serves requests.
        _manager.LoadContracts();
        Scan(initial: true);
        PluginLog.WatchStarted(_logger, Directory, _manager.Plugins.Count(p => p.State == PluginState.Loaded));
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops watching. Loaded plugins stay loaded. The manager unloads them when it is disposed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops watching. The token source is cancelled, not disposed, so that a host may still call
    /// <see cref="StopAsync"/> afterwards: a web application's run loop and the code that owns the application can both
    /// stop it, and the one that finishes first disposes the services while the other is still stopping them.
    /// </summary>
    public void Dispose()
    {
        _watcher?.Dispose();
        _stopping.Cancel();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = _observed.Count > 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = pending ? SettleCheckInterval() : _options.RescanInterval;
            var signal = Volatile.Read(ref _signal).Task;
            using (var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var wait = Task.Delay(delay, _timeProvider, delayCancellation.Token);
                await Task.WhenAny(signal, wait).ConfigureAwait(false);
                await delayCancellation.CancelAsync().ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // A fresh signal before the scan, so events during the scan trigger another one.
            Interlocked.Exchange(ref _signal, NewSignal());
            try
            {
                pending = Scan(initial: false);
            }
            catch (Exception e)
            {
                // The next file-system event or the periodic rescan retries, so a lasting error is not logged many
                // times a second.
                PluginLog.ScanFailed(_logger, Directory, e);
                pending = false;
            }
        }
    }

    /// <summary>Loads, reloads and unloads plugins to match the directory. Returns whether an entry is still settling.</summary>
    private bool Scan(bool initial)
    {
        var now = _timeProvider.GetUtcNow();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var pending = false;
        foreach (var entry in ListEntries())
        {
            present.Add(entry);
            var fingerprint = TakeFingerprint(entry);
            if (fingerprint is null || !_observed.TryGetValue(entry, out var seen) || seen.Fingerprint != fingerprint)
            {
                // New or changed: start (or restart) the quiet period. At start everything counts as settled.
                _observed[entry] = new Observation(fingerprint, initial ? now - _options.DebounceInterval : now);
                if (!initial || fingerprint is null)
                {
                    pending = true;
                    PluginLog.Settling(_logger, entry, _options.DebounceInterval.TotalMilliseconds);
                    continue;
                }
            }

            var observation = _observed[entry];
            if (now - observation.Since < _options.DebounceInterval)
            {
                pending = true;
                continue;
            }

            if (_applied.TryGetValue(entry, out var applied) && applied == observation.Fingerprint)
            {
                continue;
            }

            _manager.Load(entry);
            _applied[entry] = observation.Fingerprint!.Value;
        }

        var unloaded = false;
        foreach (var plugin in _manager.Plugins)
        {
            if (!present.Contains(plugin.Source) && IsInDirectory(plugin.Source))
            {
                PluginLog.Removed(_logger, plugin.Source);
                unloaded |= _manager.Unload(plugin.Source);
            }
        }

        foreach (var gone in _observed.Keys.Where(k => !present.Contains(k)).ToArray())
        {
            _observed.Remove(gone);
            _applied.Remove(gone);
        }

        if (unloaded)
        {
            // A plugin rejected as a duplicate may load now that the other one is gone: forget that it was tried.
            foreach (var failed in _manager.Plugins.Where(p => p.State == PluginState.Failed))
            {
                _applied.Remove(failed.Source);
            }

            pending = true;
        }

        return pending;
    }

    /// <summary>
    /// Starts the file-system watcher, or returns <see langword="null"/> when the platform cannot start one (for example
    /// when the inotify watch limit is reached). Without it, the periodic rescan still finds every change.
    /// </summary>
    private FileSystemWatcher? CreateFileSystemWatcher()
    {
        var watcher = new FileSystemWatcher(Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += OnFileSystemEvent;
        watcher.Changed += OnFileSystemEvent;
        watcher.Deleted += OnFileSystemEvent;
        watcher.Renamed += OnFileSystemEvent;
        watcher.Error += OnWatcherError;
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            PluginLog.WatcherError(_logger, Directory, e);
            watcher.Dispose();
            return null;
        }
    }

    private IEnumerable<string> ListEntries()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var info = new DirectoryInfo(Directory);
        // Ordinal order, so when two entries claim the same plugin id the first by name wins on every platform.
        return info.EnumerateFileSystemInfos()
            .Where(e => !e.Name.StartsWith('.'))
            .Where(e => e is DirectoryInfo || e.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Select(e => Path.TrimEndingDirectorySeparator(e.FullName))
            .Where(path => !string.Equals(path, _contractsDirectory, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private bool IsInDirectory(string source) =>
        string.Equals(Path.GetDirectoryName(source), Directory, StringComparison.Ordinal);

    private TimeSpan SettleCheckInterval()
    {
        var quarter = _options.DebounceInterval / 4;
        return quarter < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : quarter;
    }

    private void CheckWorkDirectory()
    {
        if (_options.WorkDirectory is null)
        {
            return;
        }

        var work = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_options.WorkDirectory));
        if (work == Directory || work.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Fit:Plugins:WorkDirectory '{work}' lies inside the watched plugin directory '{Directory}', so the watcher would load its own working copies. Set Fit:Plugins:WorkDirectory to a folder outside Fit:Plugins:Directory.");
        }
    }

    private void OnFileSystemEvent(object sender, FileSystemEventArgs e) => Volatile.Read(ref _signal).TrySetResult();

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        PluginLog.WatcherError(_logger, Directory, e.GetException());
        Volatile.Read(ref _signal).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An entry's fingerprint and the time it was first seen with it.</summary>
    private sealed record Observation(Fingerprint? Fingerprint, DateTimeOffset Since);
}
