namespace ModelEngine.Fel.Knowledge;

/// <summary>The settings of embedded knowledge bases, bound from <c>Fel:Knowledge</c>.</summary>
public sealed class FelKnowledgeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Fel:Knowledge";

    /// <summary>
    /// The name of an embedding model under <c>Fel:Models</c> to embed chunks and queries with, or
    /// <see langword="null"/> for the offline MiniLM model. Changing it requires re-ingesting every knowledge base,
    /// because vectors of different models do not compare.
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Whether the BM25 index stems English words. <see langword="true"/> by default.</summary>
    public bool Stemming { get; set; } = true;

    /// <summary>
    /// The share of a query's terms a chunk must contain to enter the keyword ranking of a hybrid search, from 0 to 1.
    /// 0.3 by default. See <see cref="EmbeddedKnowledgeBase.HybridKeywordMinimumShouldMatch"/>.
    /// </summary>
    public double HybridKeywordMinimumShouldMatch { get; set; } = EmbeddedKnowledgeBase.DefaultHybridKeywordMinimumShouldMatch;
}
