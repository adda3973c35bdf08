namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The filter of a task search. Dates are ISO 8601 with an offset. <c>priority</c> matches one priority exactly;
/// <c>minPriority</c> and <c>maxPriority</c> bound a range, both inclusive. <c>text</c> must occur in the title or the
/// description, ignoring case.
/// </summary>
public sealed record TaskFilterBody(
    IReadOnlyList<string>? Status = null,
    string? Assignee = null,
    bool? CandidateOfMe = null,
    string? Group = null,
    string? DefinitionId = null,
    string? WorkflowInstanceId = null,
    string? DueBefore = null,
    string? DueAfter = null,
    int? Priority = null,
    int? MinPriority = null,
    int? MaxPriority = null,
    IReadOnlyList<VariableFilterBody>? Variables = null,
    string? Text = null);
