namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>A row of the KnowledgeChunks table: one chunk of a knowledge base with its embedding.</summary>
internal sealed class KnowledgeChunkEntity
{
    public required string KnowledgeBase { get; set; }

    public required string ChunkId { get; set; }

    public required string DocumentId { get; set; }

    public int ChunkIndex { get; set; }

    public required string Text { get; set; }

    /// <summary>The chunk's metadata as a JSON object of strings, or null when it has none.</summary>
    public string? MetadataJson { get; set; }

    /// <summary>The embedding as float32 values in little-endian byte order.</summary>
    public required byte[] Vector { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
