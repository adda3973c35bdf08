namespace ModelEngine.Fit.Plugins;

/// <summary>A fitable that a plugin's manifest declares.</summary>
/// <param name="GenericableId">The genericable the fitable implements. The manifest must list it under <c>genericables</c>.</param>
/// <param name="Id">The fitable id, as its <c>[Fitable]</c> attribute names it.</param>
public sealed record PluginFitableReference(string GenericableId, string Id);
