namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>A validation problem of one activity, found locally or reported by the server on publish.</summary>
public sealed record DesignerProblem(string ActivityId, string ActivityLabel, string Message);
