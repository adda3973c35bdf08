using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// A chunk store that keeps chunks in process memory, for tests and for hosts without a database. Everything is lost
/// when the process ends.
/// </summary>
public sealed class InMemoryKnowledgeChunkStore : IKnowledgeChunkStore
{
    private readonly ConcurrentDictionary<string, Dictionary<string, StoredChunk>> _bases = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task UpsertAsync(string knowledgeBase, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(chunks);
        cancellationToken.ThrowIfCancellationRequested();
        var store = _bases.GetOrAdd(knowledgeBase, _ => new Dictionary<string, StoredChunk>(StringComparer.Ordinal));
        lock (store)
        {
            foreach (var chunk in chunks)
            {
                store[chunk.Chunk.Id] = chunk with { Vector = chunk.Vector.ToArray() };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteDocumentAsync(string knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(documentId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_bases.TryGetValue(knowledgeBase, out var store))
        {
            return Task.FromResult(0);
        }

        lock (store)
        {
            var ids = store.Values.Where(c => c.Chunk.DocumentId == documentId).Select(c => c.Chunk.Id).ToList();
            foreach (var id in ids)
            {
                store.Remove(id);
            }

            return Task.FromResult(ids.Count);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredChunk> ReadAllAsync(string knowledgeBase, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        if (!_bases.TryGetValue(knowledgeBase, out var store))
        {
            yield break;
        }

        StoredChunk[] snapshot;
        lock (store)
        {
            snapshot = [.. store.Values];
        }

        foreach (var chunk in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> CountAsync(string knowledgeBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        if (!_bases.TryGetValue(knowledgeBase, out var store))
        {
            return Task.FromResult(0L);
        }

        lock (store)
        {
            return Task.FromResult((long)store.Count);
        }
    }
}
