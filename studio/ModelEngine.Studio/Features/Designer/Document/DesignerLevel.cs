namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// One step into a nested flowchart: the container activity's id, and the embedded port that contains the flowchart, or
/// <see langword="null"/> when the activity is a flowchart itself.
/// </summary>
public sealed record DesignerLevel(string ActivityId, string? Port, string Label);
