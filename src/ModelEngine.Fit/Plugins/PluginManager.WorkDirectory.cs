using System.Diagnostics;

namespace ModelEngine.Fit.Plugins;

/// <summary>The private working folders that loaded plugins run from.</summary>
public sealed partial class PluginManager
{
    private const string DefaultWorkFolderName = "modelengine-plugins";

    private readonly string _workRoot;
    private string? _processWorkDirectory;
    private int _workingDirectoryCounter;

    /// <summary>
    /// Returns a new, empty working folder for one load of <paramref name="source"/>, under a folder that belongs to
    /// this process. The first call also deletes the folders of processes that are no longer running.
    /// </summary>
    private string NextWorkingDirectory(string source)
    {
        if (_processWorkDirectory is null)
        {
            DeleteAbandonedWorkDirectories();
            _processWorkDirectory = Path.Combine(_workRoot, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        }

        var name = Path.GetFileName(source);
        var folder = Path.Combine(_processWorkDirectory, $"{++_workingDirectoryCounter}-{name}");
        Directory.CreateDirectory(_processWorkDirectory);
        return folder;
    }

    private void DeleteAbandonedWorkDirectories()
    {
        if (!Directory.Exists(_workRoot))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(_workRoot))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var processId) || IsRunning(processId))
            {
                continue;
            }

            // NOTE: a process id can be reused, so a folder whose process died may survive until the id is free again.
            TryDeleteDirectory(folder, "(abandoned)");
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void DeleteProcessWorkDirectory()
    {
        if (_processWorkDirectory is not null)
        {
            TryDeleteDirectory(_processWorkDirectory, "(all)");
        }
    }

    private void TryDeleteDirectory(string directory, string pluginId)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // On Windows an assembly file stays locked until its context is collected. Dispose retries the whole folder.
            PluginLog.CleanupFailed(_logger, pluginId, directory, e);
        }
    }
}
