namespace ModelEngine.Studio.Features.Designer;

/// <summary>The marker of the designer screens' strings, in DesignerResources.resx and DesignerResources.zh-CN.resx.</summary>
public sealed class DesignerResources;
