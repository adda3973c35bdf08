namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>The marker of the property panel's strings, in PropertiesResources.resx and PropertiesResources.zh-CN.resx.</summary>
public sealed class PropertiesResources;
