namespace ModelEngine.Fel.Tests;

/// <summary>A knowledge base for flow tests: keeps chunks in a list and ranks them by shared words.</summary>
internal sealed class InMemoryKnowledgeBase : IKnowledgeBase
{
    private readonly List<KnowledgeChunk> _chunks = [];

    public string Name => "test";

    public List<int> IndexedBatchSizes { get; } = [];

    public IReadOnlyList<KnowledgeChunk> Chunks
    {
        get
        {
            lock (_chunks)
            {
                return [.. _chunks];
            }
        }
    }

    public Task IndexAsync(IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default)
    {
        lock (_chunks)
        {
            _chunks.AddRange(chunks);
            IndexedBatchSizes.Add(chunks.Count);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        IReadOnlyList<RetrievedChunk> found = Chunks
            .Select(chunk => new RetrievedChunk(chunk, chunk.Text.ToLowerInvariant().Split(' ').Count(words.Contains)))
            .Where(hit => hit.Score > 0)
            .OrderByDescending(hit => hit.Score)
            .Take(options?.TopK ?? 5)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        lock (_chunks)
        {
            return Task.FromResult(_chunks.RemoveAll(chunk => chunk.DocumentId == documentId));
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)Chunks.Count);
}
