namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>The marker of the flowchart canvas's strings, in CanvasResources.resx and CanvasResources.zh-CN.resx.</summary>
public sealed class CanvasResources;
