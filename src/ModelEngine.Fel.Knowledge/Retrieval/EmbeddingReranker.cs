using Microsoft.Extensions.AI;
using System.Numerics.Tensors;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// Reranks candidates by the cosine similarity between the query's embedding and each candidate's embedding, computed
/// afresh by an embedding generator. With the same model that built the vector index, this turns fused hybrid
/// candidates into a pure semantic order. It is a bi-encoder, not a cross-encoder, so it does not read the query and
/// the chunk together.
/// </summary>
public sealed class EmbeddingReranker : IReranker
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    /// <summary>Creates a reranker over <paramref name="generator"/>.</summary>
    public EmbeddingReranker(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _generator = generator;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return [];
        }

        var inputs = new List<string>(candidates.Count + 1) { query };
        inputs.AddRange(candidates.Select(c => c.Chunk.Text));
        var embeddings = await _generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        var queryVector = VectorMath.NormalizedCopy(embeddings[0].Vector.Span);
        return candidates
            .Select((candidate, i) => new RetrievedChunk(
                candidate.Chunk,
                TensorPrimitives.Dot(queryVector, VectorMath.NormalizedCopy(embeddings[i + 1].Vector.Span))))
            .OrderByDescending(c => c.Score)
            .ToList();
    }
}
