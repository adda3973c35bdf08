namespace ModelEngine.Studio.Features.Designer.Descriptors;

/// <summary>
/// The marker of the activity descriptor texts, in ActivityDescriptorResources.resx and
/// ActivityDescriptorResources.zh-CN.resx. <see cref="DescriptorTextKeys"/> names the keys.
/// </summary>
public sealed class ActivityDescriptorResources;
