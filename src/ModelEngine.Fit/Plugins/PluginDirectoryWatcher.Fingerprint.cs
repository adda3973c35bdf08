namespace ModelEngine.Fit.Plugins;

/// <summary>Change detection: the fingerprint the watcher compares between scans.</summary>
public sealed partial class PluginDirectoryWatcher
{
    /// <summary>
    /// Returns the fingerprint of a plugin folder (every file's relative path, size and last-write time) or archive
    /// (its size and last-write time), or <see langword="null"/> when the entry changed while it was read.
    /// </summary>
    /// <remarks>
    /// NOTE: a rewrite that keeps a file's size and lands within the file system's timestamp resolution is not seen.
    /// Copy tools change the last-write time, so this only matters for in-place edits faster than that resolution.
    /// </remarks>
    private static Fingerprint? TakeFingerprint(string entry)
    {
        try
        {
            if (File.Exists(entry))
            {
                var file = new FileInfo(entry);
                return new Fingerprint(0, 1, file.Length, file.LastWriteTimeUtc.Ticks);
            }

            var root = new DirectoryInfo(entry);
            var files = root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(f => (Path: Path.GetRelativePath(entry, f.FullName), f.Length, Ticks: f.LastWriteTimeUtc.Ticks))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToArray();
            var hash = new HashCode();
            long bytes = 0;
            long latest = root.LastWriteTimeUtc.Ticks;
            foreach (var (path, length, ticks) in files)
            {
                hash.Add(path, StringComparer.Ordinal);
                hash.Add(length);
                hash.Add(ticks);
                bytes += length;
                latest = Math.Max(latest, ticks);
            }

            return new Fingerprint(hash.ToHashCode(), files.Length, bytes, latest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A summary of a plugin's files that changes whenever a file is added, removed, resized or rewritten.</summary>
    private readonly record struct Fingerprint(int Hash, int FileCount, long TotalBytes, long LatestWriteTicks);
}
