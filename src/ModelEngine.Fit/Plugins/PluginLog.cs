using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.Plugins;

/// <summary>The plugin subsystem's log messages. Event ids 6400 to 6449 are reserved for it.</summary>
internal static partial class PluginLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "Plugin {PluginId} {PluginVersion} loaded from {PluginPath} with {FitableCount} fitables")]
    public static partial void Loaded(ILogger logger, string pluginId, string pluginVersion, string pluginPath, int fitableCount);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Error, Message = "Plugin {PluginId} from {PluginPath} was rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string pluginId, string pluginPath, string reason, Exception? exception);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Information, Message = "Plugin {PluginId} from {PluginPath} unloaded, {FitableCount} fitables removed")]
    public static partial void Unloaded(ILogger logger, string pluginId, string pluginPath, int fitableCount);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Information, Message = "Plugin {PluginId} from {PluginPath} changed and is reloaded")]
    public static partial void Reloading(ILogger logger, string pluginId, string pluginPath);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Warning, Message = "Disposing a fitable object of plugin {PluginId} from {PluginPath} failed")]
    public static partial void DisposeFailed(ILogger logger, string pluginId, string pluginPath, Exception exception);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Debug, Message = "Deleting the working folder {WorkingDirectory} of plugin {PluginId} failed. It is retried when the manager is disposed")]
    public static partial void CleanupFailed(ILogger logger, string pluginId, string workingDirectory, Exception exception);

    [LoggerMessage(EventId = 6406, Level = LogLevel.Error, Message = "A PluginChanged handler failed for plugin {PluginId} from {PluginPath} ({ChangeKind})")]
    public static partial void ChangeHandlerFailed(ILogger logger, string pluginId, string pluginPath, PluginChangeKind changeKind, Exception exception);

    [LoggerMessage(EventId = 6410, Level = LogLevel.Information, Message = "Watching {PluginDirectory} for operator plugins, {PluginCount} loaded at start")]
    public static partial void WatchStarted(ILogger logger, string pluginDirectory, int pluginCount);

    [LoggerMessage(EventId = 6411, Level = LogLevel.Information, Message = "Operator plugins are disabled (Fit:Plugins:Enabled is false)")]
    public static partial void WatchDisabled(ILogger logger);

    [LoggerMessage(EventId = 6412, Level = LogLevel.Warning, Message = "The file-system watcher on {PluginDirectory} failed. The periodic rescan finds changes, and a rescan runs now")]
    public static partial void WatcherError(ILogger logger, string pluginDirectory, Exception exception);

    [LoggerMessage(EventId = 6413, Level = LogLevel.Error, Message = "Scanning the plugin directory {PluginDirectory} failed. The next scan retries")]
    public static partial void ScanFailed(ILogger logger, string pluginDirectory, Exception exception);

    [LoggerMessage(EventId = 6414, Level = LogLevel.Debug, Message = "Plugin {PluginPath} is still changing. It loads once its files stay unchanged for {DebounceMilliseconds} ms")]
    public static partial void Settling(ILogger logger, string pluginPath, double debounceMilliseconds);

    [LoggerMessage(EventId = 6415, Level = LogLevel.Information, Message = "Plugin {PluginPath} was removed from the watched directory")]
    public static partial void Removed(ILogger logger, string pluginPath);

    [LoggerMessage(EventId = 6420, Level = LogLevel.Information, Message = "Contract assembly {AssemblyName} {AssemblyVersion} loaded into the default context from {ContractPath}")]
    public static partial void ContractLoaded(ILogger logger, string assemblyName, string assemblyVersion, string contractPath);

    [LoggerMessage(EventId = 6421, Level = LogLevel.Error, Message = "Contract assembly {ContractPath} was not loaded: {Reason}")]
    public static partial void ContractFailed(ILogger logger, string contractPath, string reason, Exception? exception);

    [LoggerMessage(EventId = 6422, Level = LogLevel.Debug, Message = "Contract assembly {AssemblyName} from {ContractPath} has version {FileVersion}, but version {LoadedVersion} is already loaded and stays in use until the process restarts")]
    public static partial void ContractAlreadyLoaded(ILogger logger, string assemblyName, string contractPath, string fileVersion, string loadedVersion);
}
