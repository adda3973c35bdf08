namespace ModelEngine.Fel;

/// <summary>
/// The durable side of an embedded knowledge base: chunks and their vectors, kept in the main database. The indexes
/// that search them live in the process and are rebuilt from the store when a knowledge base is first opened.
/// </summary>
public interface IKnowledgeChunkStore
{
    /// <summary>Inserts the chunks, replacing those whose ids exist, in one transaction.</summary>
    Task UpsertAsync(string knowledgeBase, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Deletes every chunk of a document. Returns the number deleted.</summary>
    Task<int> DeleteDocumentAsync(string knowledgeBase, string documentId, CancellationToken cancellationToken = default);

    /// <summary>Reads every chunk of a knowledge base, in no particular order.</summary>
    IAsyncEnumerable<StoredChunk> ReadAllAsync(string knowledgeBase, CancellationToken cancellationToken = default);

    /// <summary>The number of chunks of a knowledge base.</summary>
    Task<long> CountAsync(string knowledgeBase, CancellationToken cancellationToken = default);
}
