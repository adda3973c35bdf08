namespace ModelEngine.Fel;

/// <summary>How documents are split during ingestion.</summary>
public sealed record IngestionSettings
{
    /// <summary>The maximum tokens in a chunk. 200 by default.</summary>
    public int ChunkTokens { get; init; } = 200;

    /// <summary>The tokens a chunk repeats from the end of the one before it. 20 by default.</summary>
    public int OverlapTokens { get; init; } = 20;

    /// <summary>The chunks embedded in one call to the embedding model. 32 by default.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;
}
