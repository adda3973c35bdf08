namespace ModelEngine.Fel.Workflows.Streaming;

/// <summary>What a <see cref="GenerationStreamEvent"/> reports.</summary>
public enum GenerationStreamEventKind
{
    /// <summary>A piece of text the model streamed.</summary>
    Token,

    /// <summary>The generation finished. The event carries the whole text and the time to first token.</summary>
    Completed,

    /// <summary>The generation failed or was cancelled. The event carries the error message.</summary>
    Failed,
}
