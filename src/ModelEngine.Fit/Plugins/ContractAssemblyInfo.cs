namespace ModelEngine.Fit.Plugins;

/// <summary>
/// One contract assembly file from the contracts directory (<c>Fit:Plugins:ContractsDirectory</c>) and what the
/// manager did with it. <see cref="PluginManager.Contracts"/> lists them.
/// </summary>
public sealed record ContractAssemblyInfo
{
    /// <summary>The full path of the <c>.dll</c> file.</summary>
    public required string Path { get; init; }

    /// <summary>Whether the file was loaded, an assembly of the same name was used instead, or loading failed.</summary>
    public required ContractAssemblyState State { get; init; }

    /// <summary>The assembly's simple name, or <see langword="null"/> when the file is not a readable .NET assembly.</summary>
    public string? AssemblyName { get; init; }

    /// <summary>
    /// The version of the assembly the default context now uses under <see cref="AssemblyName"/>: the file's own when
    /// <see cref="State"/> is <see cref="ContractAssemblyState.Loaded"/>, the one already loaded when it is
    /// <see cref="ContractAssemblyState.AlreadyLoaded"/>, <see langword="null"/> when it failed.
    /// </summary>
    public Version? Version { get; init; }

    /// <summary>Why loading failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }
}
