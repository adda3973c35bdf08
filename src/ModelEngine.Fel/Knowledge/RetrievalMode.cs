namespace ModelEngine.Fel;

/// <summary>How a knowledge base ranks chunks for a query.</summary>
public enum RetrievalMode
{
    /// <summary>Keyword (BM25) and vector rankings fused by reciprocal rank. The default.</summary>
    Hybrid,

    /// <summary>The keyword (BM25 or full-text) ranking alone.</summary>
    Keyword,

    /// <summary>The vector (cosine) ranking alone.</summary>
    Vector,
}
