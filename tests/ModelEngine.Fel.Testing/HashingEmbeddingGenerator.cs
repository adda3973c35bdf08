using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Testing;

/// <summary>
/// A deterministic embedder for tests: each lower-cased word adds to a few dimensions chosen by its hash, and the
/// vector is normalised. Texts that share words are close; it ignores meaning.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public HashingEmbeddingGenerator(int dimensions = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 4);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    /// <summary>The number of texts embedded so far.</summary>
    public int Embedded => Volatile.Read(ref _embedded);

    private int _embedded;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            result.Add(new Embedding<float>(Embed(value)));
            Interlocked.Increment(ref _embedded);
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = word.Trim('.', ',', '!', '?', ';', ':', '"', '\'', '(', ')');
            if (trimmed.Length == 0)
            {
                continue;
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(trimmed));
            for (var i = 0; i < 3; i++)
            {
                vector[BitConverter.ToUInt32(hash, i * 4) % (uint)Dimensions] += (hash[12 + i] & 1) == 0 ? 1f : -1f;
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }
}
