using System.Collections.Concurrent;

namespace ModelEngine.Fel.Workflows.Tests.Support;

/// <summary>
/// Knowledge bases in memory that score a chunk by the number of query words it contains. Good enough to check what
/// the activities pass and store; the real ranking is tested with the knowledge module.
/// </summary>
internal sealed class InMemoryKnowledgeBaseProvider : IKnowledgeBaseProvider
{
    private readonly ConcurrentDictionary<string, InMemoryKnowledgeBase> _bases = new(StringComparer.Ordinal);

    public List<(string KnowledgeBase, string Query, RetrievalOptions Options)> Searches { get; } = [];

    public InMemoryKnowledgeBase Get(string name) => _bases.GetOrAdd(name, key => new InMemoryKnowledgeBase(key, this));

    public ValueTask<IKnowledgeBase> GetAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IKnowledgeBase>(Get(name));

    internal sealed class InMemoryKnowledgeBase(string name, InMemoryKnowledgeBaseProvider provider) : IKnowledgeBase
    {
        private readonly ConcurrentDictionary<string, KnowledgeChunk> _chunks = new(StringComparer.Ordinal);

        public string Name => name;

        public Task IndexAsync(IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default)
        {
            foreach (var chunk in chunks)
            {
                _chunks[chunk.Id] = chunk;
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new RetrievalOptions();
            lock (provider.Searches)
            {
                provider.Searches.Add((name, query, options));
            }

            var words = query.ToLowerInvariant().Split([' ', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            IReadOnlyList<RetrievedChunk> found = _chunks.Values
                .Select(chunk => new RetrievedChunk(chunk, words.Count(word => chunk.Text.Contains(word, StringComparison.OrdinalIgnoreCase))))
                .Where(result => result.Score > 0)
                .OrderByDescending(result => result.Score)
                .ThenBy(result => result.Chunk.Id, StringComparer.Ordinal)
                .Take(options.TopK)
                .ToList();
            return Task.FromResult(found);
        }

        public Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
        {
            var removed = 0;
            foreach (var id in _chunks.Values.Where(chunk => chunk.DocumentId == documentId).Select(chunk => chunk.Id).ToList())
            {
                removed += _chunks.TryRemove(id, out _) ? 1 : 0;
            }

            return Task.FromResult(removed);
        }

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_chunks.Count);
    }
}
