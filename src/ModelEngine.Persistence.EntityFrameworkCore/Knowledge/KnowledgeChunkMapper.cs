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

    /// <summary>Checks a chunk's ids, so that a bad chunk fails its batch before anything is written.</summary>
    public static void Validate(KnowledgeChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        KnowledgeLimits.ValidateId(chunk.Id, "chunk id");
        KnowledgeLimits.ValidateId(chunk.DocumentId, "document id");
        ArgumentNullException.ThrowIfNull(chunk.Text);
    }

    /// <summary>Keeps the last item of each chunk id, because a batch that names an id twice replaces it with the later one.</summary>
    public static List<T> LastPerId<T>(IReadOnlyList<T> items, Func<T, string> chunkId)
    {
        var positions = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (positions.TryGetValue(chunkId(item), out var position))
            {
                result[position] = item;
            }
            else
            {
                positions.Add(chunkId(item), result.Count);
                result.Add(item);
            }
        }

        return result;
    }
}
