namespace ModelEngine.Fel;

/// <summary>A chunk with its embedding, as a chunk store keeps it.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Vector">The chunk's embedding, normalised to length 1.</param>
public sealed record StoredChunk(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector);
