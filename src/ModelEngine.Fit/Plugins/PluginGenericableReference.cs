namespace ModelEngine.Fit.Plugins;

/// <summary>A genericable that a plugin's manifest declares the plugin implements.</summary>
/// <param name="Id">The genericable id.</param>
/// <param name="Version">The contract version the plugin was built against, or <c>1.0.0</c> when the manifest omits it.</param>
public sealed record PluginGenericableReference(string Id, string Version);
