namespace ModelEngine.Fel;

/// <summary>The settings of one search.</summary>
public sealed record RetrievalOptions
{
    /// <summary>The number of chunks returned. 5 by default.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>The ranking. <see cref="RetrievalMode.Hybrid"/> by default.</summary>
    public RetrievalMode Mode { get; init; } = RetrievalMode.Hybrid;

    /// <summary>The number of candidates each ranking contributes before fusion and reranking. 50 by default.</summary>
    public int Candidates { get; init; } = 50;

    /// <summary>The reciprocal-rank constant k in 1 / (k + rank). 60 by default.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>Reranks the fused candidates with the knowledge base's reranker, when it has one.</summary>
    public bool Rerank { get; init; }

    /// <summary>Chunks with a lower score are dropped. <see langword="null"/> keeps every chunk.</summary>
    public double? MinScore { get; init; }
}
