using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Testing;

/// <summary>An embedder whose every call fails with the given exception, as a provider outage or error would.</summary>
public sealed class FailingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Exception _failure;

    public FailingEmbeddingGenerator(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failure = failure;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromException<GeneratedEmbeddings<Embedding<float>>>(_failure);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
