namespace ModelEngine.Fit.Plugins;

/// <summary>A plugin copied or extracted into its working folder, with its manifest read but no code loaded.</summary>
/// <param name="Manifest">The validated manifest.</param>
/// <param name="RootDirectory">The folder in the working copy that contains <c>plugin.json</c>.</param>
/// <param name="WorkingDirectory">The working folder to delete when the plugin goes away.</param>
/// <param name="ManifestDisplayPath">How errors name the manifest: its path in the source folder or archive.</param>
internal sealed record StagedPlugin(PluginManifest Manifest, string RootDirectory, string WorkingDirectory, string ManifestDisplayPath);
