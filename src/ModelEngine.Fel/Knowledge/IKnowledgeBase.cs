namespace ModelEngine.Fel;

/// <summary>A named collection of chunks that can be searched by keywords, by vectors, or both.</summary>
public interface IKnowledgeBase
{
    /// <summary>The knowledge base's name.</summary>
    string Name { get; }

    /// <summary>
    /// Embeds and indexes <paramref name="chunks"/>. A chunk whose id is already indexed is replaced. To index a changed
    /// document again, delete it first. Returns once the chunks are durable and searchable.
    /// </summary>
    Task IndexAsync(IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Returns the best chunks for <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes every chunk of a document. Returns the number removed.</summary>
    Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>The number of chunks indexed.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
