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

    /// <summary>
    /// Replaces the chunks of <paramref name="documentIds"/> with <paramref name="chunks"/>: the documents' old chunks
    /// are deleted and the new ones indexed. Implementations embed the new chunks before they delete anything, so a
    /// failed embedding keeps the old chunks. The default implementation deletes first and then indexes, so a failure
    /// in between leaves the documents without chunks.
    /// </summary>
    async Task ReplaceDocumentsAsync(IReadOnlyCollection<string> documentIds, IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var documentId in documentIds)
        {
            await DeleteDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        }

        if (chunks.Count > 0)
        {
            await IndexAsync(chunks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every chunk of a document. Returns the number removed.</summary>
    Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>The number of chunks indexed.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
