namespace ModelEngine.Fel.Workflows.Streaming;

/// <summary>One event of a streaming Generate activity, as the generation stream hub passes it to subscribers.</summary>
/// <param name="InstanceId">The workflow instance that runs the activity.</param>
/// <param name="ActivityId">The id of the Generate activity in its flowchart.</param>
/// <param name="Kind">Whether the event is a token, the completion or a failure.</param>
/// <param name="Text">The token's text, or the whole text on completion. Empty on failure.</param>
/// <param name="TimeToFirstTokenMs">On completion, the milliseconds from the request to the first text, otherwise <see langword="null"/>.</param>
/// <param name="Error">On failure, the error message, otherwise <see langword="null"/>.</param>
public sealed record GenerationStreamEvent(
    string InstanceId,
    string ActivityId,
    GenerationStreamEventKind Kind,
    string Text,
    double? TimeToFirstTokenMs = null,
    string? Error = null);
