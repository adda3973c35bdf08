namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>A keyboard command given on the canvas. The designer carries it out on its model.</summary>
public enum CanvasCommand
{
    Copy,
    Cut,
    Paste,
    Delete,
    Undo,
    Redo,
    Save,
    SelectAll,
}
