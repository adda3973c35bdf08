namespace ModelEngine.Fel;

/// <summary>
/// Thrown when a knowledge base contains vectors of one length and a chunk or a query is embedded with another length.
/// This happens after the embedding model was changed. Vectors of different models cannot be compared.
/// </summary>
public sealed class KnowledgeEmbeddingMismatchException : InvalidOperationException
{
    public KnowledgeEmbeddingMismatchException(string knowledgeBase, int expectedDimensions, int actualDimensions, string message)
        : base(message)
    {
        KnowledgeBase = knowledgeBase;
        ExpectedDimensions = expectedDimensions;
        ActualDimensions = actualDimensions;
    }

    /// <summary>The knowledge base's name.</summary>
    public string KnowledgeBase { get; }

    /// <summary>The vector length of the chunks already indexed.</summary>
    public int ExpectedDimensions { get; }

    /// <summary>The vector length of the new chunk or the query.</summary>
    public int ActualDimensions { get; }
}
