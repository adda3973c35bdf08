using System.Text.Json;
using ModelEngine.Fel;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>Converts between <see cref="StoredChunk"/> and rows of the KnowledgeChunks table.</summary>
internal static class KnowledgeChunkMapper
{
    public static KnowledgeChunkEntity ToEntity(string knowledgeBase, StoredChunk stored, DateTimeOffset createdAt)
    {
        var chunk = stored.Chunk;
        return new KnowledgeChunkEntity
        {
            KnowledgeBase = knowledgeBase,
            ChunkId = chunk.Id,
            DocumentId = chunk.DocumentId,
            ChunkIndex = chunk.Index,
            Text = chunk.Text,
            MetadataJson = SerializeMetadata(chunk.Metadata),
            Vector = KnowledgeLimits.ToBytes(stored.Vector.Span),
            CreatedAt = createdAt,
        };
    }

    public static StoredChunk ToStoredChunk(KnowledgeChunkEntity entity) => new(
        new KnowledgeChunk(entity.ChunkId, entity.DocumentId, entity.ChunkIndex, entity.Text, DeserializeMetadata(entity.MetadataJson)),
        KnowledgeLimits.FromBytes(entity.Vector));

    public static string? SerializeMetadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null || metadata.Count == 0 ? null : JsonSerializer.Serialize(metadata);

    public static IReadOnlyDictionary<string, string>? DeserializeMetadata(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);

    /// <summary>Checks the ids of every chunk, so that a bad chunk fails the batch before anything is written.</summary>
    public static void Validate(StoredChunk stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(stored.Chunk);
        KnowledgeLimits.ValidateId(stored.Chunk.Id, "chunk id");
        KnowledgeLimits.ValidateId(stored.Chunk.DocumentId, "document id");
        ArgumentNullException.ThrowIfNull(stored.Chunk.Text);
    }

    /// <summary>Keeps the last chunk of each id, because a batch that names an id twice replaces it with the later one.</summary>
    public static List<StoredChunk> LastPerId(IReadOnlyList<StoredChunk> chunks)
    {
        var positions = new Dictionary<string, int>(chunks.Count, StringComparer.Ordinal);
        var result = new List<StoredChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            if (positions.TryGetValue(chunk.Chunk.Id, out var position))
            {
                result[position] = chunk;
            }
            else
            {
                positions.Add(chunk.Chunk.Id, result.Count);
                result.Add(chunk);
            }
        }

        return result;
    }
}
