using System.IO.Compression;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Extracts a plugin .zip into a private folder. The archive is checked whole before anything is written: an entry
/// whose name is absolute, has a drive or root, climbs out through <c>..</c>, or is a symbolic link rejects the
/// archive, so no file lands outside the destination.
/// </summary>
internal static class PluginArchive
{
    // The file type bits of a Unix mode, which zip tools store in the high 16 bits of the external attributes.
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="destination"/>, which must be empty or missing.</summary>
    /// <exception cref="PluginLoadException">The archive is not a valid zip or one of its entries is unsafe.</exception>
    public static void Extract(string archivePath, string destination)
    {
        var root = Path.GetFullPath(destination);
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(archivePath);
        }
        catch (InvalidDataException e)
        {
            throw new PluginLoadException($"{archivePath}: the plugin archive is not a valid zip file ({e.Message}). Rebuild the archive, or drop the plugin as a folder.", e);
        }

        using (archive)
        {
            // Check every entry first, so a bad archive leaves nothing behind.
            var targets = new List<(ZipArchiveEntry Entry, string Path, bool IsDirectory)>();
            foreach (var entry in archive.Entries)
            {
                var target = CheckEntry(archivePath, entry, rootWithSeparator);
                var isDirectory = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
                targets.Add((entry, target, isDirectory));
            }

            Directory.CreateDirectory(root);
            foreach (var (entry, target, isDirectory) in targets)
            {
                if (isDirectory)
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: false);
            }
        }
    }

    private static string CheckEntry(string archivePath, ZipArchiveEntry entry, string rootWithSeparator)
    {
        var name = entry.FullName;
        var normalized = name.Replace('\\', '/');
        if ((entry.ExternalAttributes >> 16 & UnixFileTypeMask) == UnixSymbolicLink)
        {
            throw Unsafe(archivePath, name, "is a symbolic link");
        }

        if (normalized.Length == 0 || normalized.Contains('\0'))
        {
            throw Unsafe(archivePath, name, "has an empty or invalid name");
        }

        if (normalized.StartsWith('/') || Path.IsPathRooted(name) || (normalized.Length > 1 && normalized[1] == ':'))
        {
            throw Unsafe(archivePath, name, "has an absolute path");
        }

        if (normalized.Split('/').Any(segment => segment == ".."))
        {
            throw Unsafe(archivePath, name, "climbs out of the plugin folder through '..'");
        }

        // The checks above reject every known escape. Comparing the resolved path as well guards against a
        // platform that resolves a name differently.
        var target = Path.GetFullPath(Path.Combine(rootWithSeparator, normalized));
        if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal) && target + Path.DirectorySeparatorChar != rootWithSeparator)
        {
            throw Unsafe(archivePath, name, "resolves outside the plugin folder");
        }

        return target;
    }

    private static PluginLoadException Unsafe(string archivePath, string entryName, string reason) =>
        new($"{archivePath}: archive entry '{entryName}' {reason}, so the archive was rejected and nothing was extracted. Rebuild the archive with relative paths inside one folder and no links.");
}
