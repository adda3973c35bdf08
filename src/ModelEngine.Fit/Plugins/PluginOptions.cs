namespace ModelEngine.Fit.Plugins;

/// <summary>Settings of operator plugins, bound from the <c>Fit:Plugins</c> configuration section.</summary>
public sealed class PluginOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Fit:Plugins";

    /// <summary>The name of the default contracts folder inside <see cref="Directory"/>.</summary>
    public const string DefaultContractsFolderName = "contracts";

    /// <summary>Whether the watcher loads plugins from <see cref="Directory"/> at all. Defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The watched directory. Each folder or .zip directly in it is a plugin. A relative path is resolved against the
    /// process's working directory. Defaults to <c>plugins</c>. It is created when missing.
    /// </summary>
    public string Directory { get; set; } = "plugins";

    /// <summary>
    /// The folder of shared contract assemblies: every <c>*.dll</c> in it is loaded into the host's default load
    /// context before any plugin loads, and again looked at before each later plugin load, so plugins share those
    /// contracts with the host without the host referencing them at build time. A relative path is resolved against
    /// the process's working directory. Defaults to <see langword="null"/>, which means the <c>contracts</c> folder
    /// inside <see cref="Directory"/>. The watcher never treats that folder as a plugin. A missing folder is not an
    /// error. A contract assembly stays loaded until the process ends, so replacing one needs a restart.
    /// </summary>
    public string? ContractsDirectory { get; set; }

    /// <summary>
    /// The folder that loaded plugins are copied or extracted to, so the files the runtime loads are never changed underneath it.
    /// Each process uses its own subfolder. Defaults to <c>modelengine-plugins</c> in the system temporary folder.
    /// It must not lie inside <see cref="Directory"/>.
    /// </summary>
    public string? WorkDirectory { get; set; }

    /// <summary>The time a plugin's files must stay unchanged before the watcher loads them. Defaults to 1 second.</summary>
    public TimeSpan DebounceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a <see cref="FileSystemWatcher"/> triggers scans. Defaults to <see langword="true"/>. Set it to
    /// <see langword="false"/> on file systems that do not deliver change events, so the watcher relies on
    /// <see cref="RescanInterval"/> alone (polling) and spends no inotify watches.
    /// </summary>
    public bool UseFileSystemEvents { get; set; } = true;

    /// <summary>
    /// The interval at which the watcher rescans the directory even without file-system events, which some file
    /// systems (network shares, some containers) do not deliver. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the full path of the contracts folder: <see cref="ContractsDirectory"/>, or <c>contracts</c> inside <see cref="Directory"/>.</summary>
    public string GetContractsDirectory() =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(
            string.IsNullOrWhiteSpace(ContractsDirectory) ? Path.Combine(Directory, DefaultContractsFolderName) : ContractsDirectory));
}
