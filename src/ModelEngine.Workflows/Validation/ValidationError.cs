namespace ModelEngine.Workflows.Validation;

/// <summary>
/// One problem in a definition: the activity and input it concerns (when it concerns one), the offending value and a
/// message that says how to fix it.
/// </summary>
public sealed record ValidationError(string? ActivityId, string? Property, string? Value, string Message);
