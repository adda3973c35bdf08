namespace ModelEngine.Studio.Features.Processes;

/// <summary>The marker of the processes screens' strings, in ProcessesResources.resx and ProcessesResources.zh-CN.resx.</summary>
public sealed class ProcessesResources;
