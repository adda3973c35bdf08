namespace ModelEngine.Fit.Plugins;

/// <summary>The outcome for a contract assembly that the plugin subsystem offered to the host's default load context.</summary>
public enum ContractAssemblyState
{
    /// <summary>The file was loaded into the default context. Plugins and the host share its types from now on.</summary>
    Loaded,

    /// <summary>
    /// The default context already had an assembly with this name (the host's own, or one loaded earlier), so the
    /// file was not loaded and that assembly is used instead. A different version in the file takes effect only after
    /// a restart.
    /// </summary>
    AlreadyLoaded,

    /// <summary>The file could not be loaded, and <see cref="ContractAssemblyInfo.Error"/> contains the reason.</summary>
    Failed,
}
