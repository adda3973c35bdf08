namespace ModelEngine.Fel;

/// <summary>
/// The RAG ingestion flow: splits documents into chunks by tokens with overlap, embeds them and indexes them into a
/// knowledge base. It runs as a Waterflow flow, so a slow embedder slows the reading of documents down instead of
/// queueing chunks without bound.
/// </summary>
public interface IKnowledgeIngestor
{
    /// <summary>Ingests <paramref name="documents"/> into knowledge base <paramref name="knowledgeBase"/>. A document indexed before is replaced.</summary>
    Task<IngestionProgress> IngestAsync(
        string knowledgeBase,
        IAsyncEnumerable<KnowledgeDocument> documents,
        IngestionSettings? settings = null,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
