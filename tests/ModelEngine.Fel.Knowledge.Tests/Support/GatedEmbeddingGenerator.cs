using Microsoft.Extensions.AI;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Knowledge.Tests;

/// <summary>An embedder that waits for the test to release each call, to stand in for a slow model. It can also fail on demand.</summary>
internal sealed class GatedEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashingEmbeddingGenerator _inner = new();
    private readonly SemaphoreSlim _gate = new(0);
    private int _calls;

    /// <summary>Whether calls wait for <see cref="Release"/>; when false they run at once.</summary>
    public bool Gated { get; init; } = true;

    /// <summary>The exception thrown by every call, if any.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The calls started so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Release(int calls = 1) => _gate.Release(calls);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        Interlocked.Increment(ref _calls);
        if (Gated)
        {
            await _gate.WaitAsync(cancellationToken);
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        return await _inner.GenerateAsync(inputs, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => _gate.Dispose();
}
