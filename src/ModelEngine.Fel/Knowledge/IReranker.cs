namespace ModelEngine.Fel;

/// <summary>Orders candidate chunks again for a query, for example with a cross-encoder or a model.</summary>
public interface IReranker
{
    /// <summary>Returns the candidates reordered, best first, with new scores.</summary>
    Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default);
}
