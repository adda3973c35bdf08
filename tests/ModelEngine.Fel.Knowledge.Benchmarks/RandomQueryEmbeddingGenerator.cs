using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>Returns a random unit vector per input, so that retrieval runs measure the indexes and not the model.</summary>
internal sealed class RandomQueryEmbeddingGenerator(int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Random _random = new(11);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        lock (_random)
        {
            foreach (var _ in values)
            {
                result.Add(new Embedding<float>(SyntheticCorpus.RandomUnitVector(_random, dimensions)));
            }
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
