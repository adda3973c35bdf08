namespace ModelEngine.Fel.Knowledge;

/// <summary>One item of the ingestion flow: a chunk, or a document that split into no chunks, whose old chunks still go.</summary>
internal readonly record struct IngestionItem(string DocumentId, KnowledgeChunk? Chunk)
{
    /// <summary>Whether the item is the first of its document, where the document's old chunks are deleted.</summary>
    public bool StartsDocument => Chunk is null || Chunk.Index == 0;
}
