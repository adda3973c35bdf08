namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>The settings passed to the canvas script's <c>createCanvas</c>, serialized in camel case.</summary>
internal sealed record CanvasScriptOptions(bool ReadOnly, bool ShowMinimap, CanvasScriptStrings Strings);
