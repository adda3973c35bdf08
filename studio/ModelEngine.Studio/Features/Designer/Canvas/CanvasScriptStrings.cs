namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>
/// The localized texts the canvas script puts into the page: the node role, the problem count ("Problems ({0})"), the
/// selection announcement ("Selected: {0}") and the status names keyed by <see cref="CanvasNode.Status"/>.
/// </summary>
internal sealed record CanvasScriptStrings(
    string Activity,
    string Problems,
    string Selected,
    string NoSelection,
    IReadOnlyDictionary<string, string> Status);
