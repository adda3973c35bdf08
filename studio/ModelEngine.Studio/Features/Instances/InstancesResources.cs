namespace ModelEngine.Studio.Features.Instances;

/// <summary>The marker of the instances screens' strings, in InstancesResources.resx and InstancesResources.zh-CN.resx.</summary>
public sealed class InstancesResources;
