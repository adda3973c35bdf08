using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class EmbeddedKnowledgeBaseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly KnowledgeChunk[] Chunks =
    [
        new("refunds#0", "refunds", 0, "Customers get a full refund within 30 days of delivery."),
        new("shipping#0", "shipping", 0, "Express parcels arrive the next business day."),
        new("security#0", "security", 0, "Passwords must be at least 14 characters long."),
        new("security#1", "security", 1, "Report phishing emails with the button in the mail client."),
    ];

    [Theory]
    [InlineData(RetrievalMode.Keyword)]
    [InlineData(RetrievalMode.Vector)]
    [InlineData(RetrievalMode.Hybrid)]
    public async Task Each_mode_finds_matching_chunk_first(RetrievalMode mode)
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);

        var hits = await knowledgeBase.SearchAsync("how long must passwords be", new RetrievalOptions { Mode = mode, TopK = 2 }).WaitAsync(Timeout);

        Assert.Equal("security#0", hits[0].Chunk.Id);
        Assert.True(hits.Count <= 2);
    }

    [Fact]
    public async Task Reopened_knowledge_base_rebuilds_from_store()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using (var first = Create(store))
        {
            await first.IndexAsync(Chunks).WaitAsync(Timeout);
        }

        using var second = Create(store);
        var count = await second.CountAsync().WaitAsync(Timeout);
        var hits = await second.SearchAsync("phishing emails", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WaitAsync(Timeout);

        Assert.Equal(4, count);
        Assert.Equal("security#1", hits[0].Chunk.Id);
    }

    [Fact]
    public async Task Delete_document_removes_its_chunks_everywhere()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using var knowledgeBase = Create(store);
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);

        var deleted = await knowledgeBase.DeleteDocumentAsync("security").WaitAsync(Timeout);

        Assert.Equal(2, deleted);
        Assert.Equal(2, await knowledgeBase.CountAsync().WaitAsync(Timeout));
        Assert.Equal(2, await store.CountAsync("kb").WaitAsync(Timeout));
        foreach (var mode in new[] { RetrievalMode.Keyword, RetrievalMode.Vector, RetrievalMode.Hybrid })
        {
            var hits = await knowledgeBase.SearchAsync("passwords phishing", new RetrievalOptions { Mode = mode, TopK = 10 }).WaitAsync(Timeout);
            Assert.DoesNotContain(hits, h => h.Chunk.DocumentId == "security");
        }
    }

    [Fact]
    public async Task Index_same_id_replaces_text()
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);

        await knowledgeBase.IndexAsync([new KnowledgeChunk("refunds#0", "refunds", 0, "Store credit replaces cash returns.")]).WaitAsync(Timeout);
        var old = await knowledgeBase.SearchAsync("full refund delivery", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WaitAsync(Timeout);
        var fresh = await knowledgeBase.SearchAsync("store credit", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WaitAsync(Timeout);

        Assert.Equal(4, await knowledgeBase.CountAsync().WaitAsync(Timeout));
        Assert.DoesNotContain(old, h => h.Chunk.Id == "refunds#0");
        Assert.Equal("Store credit replaces cash returns.", fresh[0].Chunk.Text);
    }

    [Fact]
    public async Task Rerank_applies_only_when_asked()
    {
        var reranker = new ReversingReranker();
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore(), reranker);
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);
        var options = new RetrievalOptions { Mode = RetrievalMode.Vector, TopK = 4 };

        var plain = await knowledgeBase.SearchAsync("passwords", options).WaitAsync(Timeout);
        var reranked = await knowledgeBase.SearchAsync("passwords", options with { Rerank = true }).WaitAsync(Timeout);

        Assert.Equal(1, reranker.Calls);
        Assert.Equal(plain.Select(h => h.Chunk.Id).Reverse(), reranked.Select(h => h.Chunk.Id));
    }

    [Fact]
    public async Task Min_score_drops_weak_hits()
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);

        var all = await knowledgeBase.SearchAsync("passwords", new RetrievalOptions { Mode = RetrievalMode.Vector, TopK = 4 }).WaitAsync(Timeout);
        var strong = await knowledgeBase.SearchAsync("passwords", new RetrievalOptions { Mode = RetrievalMode.Vector, TopK = 4, MinScore = all[0].Score }).WaitAsync(Timeout);

        Assert.Equal(4, all.Count);
        Assert.Equal(all[0].Chunk.Id, Assert.Single(strong).Chunk.Id);
    }

    [Fact]
    public async Task Empty_knowledge_base_and_blank_query_return_nothing()
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());

        Assert.Empty(await knowledgeBase.SearchAsync("anything").WaitAsync(Timeout));
        await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);
        Assert.Empty(await knowledgeBase.SearchAsync("   ").WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(0, 50, 60, "TopK")]
    [InlineData(5, 0, 60, "Candidates")]
    [InlineData(5, 50, -1, "RrfK")]
    public async Task Invalid_options_are_rejected(int topK, int candidates, int rrfK, string field)
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => knowledgeBase.SearchAsync("x", new RetrievalOptions { TopK = topK, Candidates = candidates, RrfK = rrfK }).WaitAsync(Timeout));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_without_document_id_is_rejected()
    {
        using var knowledgeBase = Create(new InMemoryKnowledgeChunkStore());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => knowledgeBase.IndexAsync([new KnowledgeChunk("x#0", "", 0, "text")]).WaitAsync(Timeout));

        Assert.Contains("Chunk 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vector_of_other_length_is_rejected_before_store()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using (var knowledgeBase = new EmbeddedKnowledgeBase("kb", store, new HashingEmbeddingGenerator(64)))
        {
            await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);
        }

        using var otherModel = new EmbeddedKnowledgeBase("kb", store, new HashingEmbeddingGenerator(32));
        var error = await Assert.ThrowsAsync<KnowledgeEmbeddingMismatchException>(
            () => otherModel.IndexAsync([new KnowledgeChunk("new#0", "new", 0, "text")]).WaitAsync(Timeout));

        Assert.Contains("32 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Equal(64, error.ExpectedDimensions);
        Assert.Equal(4, await store.CountAsync("kb").WaitAsync(Timeout));
    }

    [Fact]
    public async Task Query_of_other_length_is_rejected()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using (var knowledgeBase = new EmbeddedKnowledgeBase("kb", store, new HashingEmbeddingGenerator(64)))
        {
            await knowledgeBase.IndexAsync(Chunks).WaitAsync(Timeout);
        }

        using var otherModel = new EmbeddedKnowledgeBase("kb", store, new HashingEmbeddingGenerator(32));
        var error = await Assert.ThrowsAsync<KnowledgeEmbeddingMismatchException>(
            () => otherModel.SearchAsync("refund", new RetrievalOptions { Mode = RetrievalMode.Vector }).WaitAsync(Timeout));

        Assert.Equal(64, error.ExpectedDimensions);
        Assert.Equal(32, error.ActualDimensions);
        Assert.Contains("Fel:Knowledge:EmbeddingModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writes_and_searches_stay_consistent()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using var knowledgeBase = Create(store);
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var documentId = $"w{writer}-d{i}";
                await knowledgeBase.IndexAsync([new KnowledgeChunk($"{documentId}#0", documentId, 0, $"policy number {i} from writer {writer}")]);
                if (i % 5 == 0)
                {
                    await knowledgeBase.DeleteDocumentAsync(documentId);
                }
            }
        }));
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var hits = await knowledgeBase.SearchAsync($"policy number {i % 25}");
                Assert.All(hits, h => Assert.StartsWith("w", h.Chunk.DocumentId, StringComparison.Ordinal));
            }
        }));

        await Task.WhenAll(writers.Concat(readers)).WaitAsync(Timeout);

        Assert.Equal(80, await knowledgeBase.CountAsync().WaitAsync(Timeout));
        Assert.Equal(80, await store.CountAsync("kb").WaitAsync(Timeout));
        using var reopened = Create(store);
        var hits = await reopened.SearchAsync("policy", new RetrievalOptions { Mode = RetrievalMode.Keyword, TopK = 100 }).WaitAsync(Timeout);
        Assert.Equal(80, hits.Count);
    }

    private static EmbeddedKnowledgeBase Create(IKnowledgeChunkStore store, IReranker? reranker = null) =>
        new("kb", store, new HashingEmbeddingGenerator(), reranker);

    private sealed class ReversingReranker : IReranker
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<RetrievedChunk>>(candidates.Reverse().Select((c, i) => c with { Score = 100 - i }).ToList());
        }
    }
}
