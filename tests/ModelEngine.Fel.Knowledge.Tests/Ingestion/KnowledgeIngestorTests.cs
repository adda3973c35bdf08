using System.Runtime.CompilerServices;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class KnowledgeIngestorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Slow_embedder_bounds_chunks_split_ahead()
    {
        const int batchSize = 4;
        const int documentCount = 100;
        var embedder = new GatedEmbeddingGenerator();
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), embedder);
        var ingestor = new KnowledgeIngestor(provider);
        var read = 0;
        var progress = new RecordingProgress { ReadCounter = () => Volatile.Read(ref read) };
        var settings = new IngestionSettings { EmbeddingBatchSize = batchSize };

        var ingestion = ingestor.IngestAsync("kb", Documents(documentCount, () => Interlocked.Increment(ref read)), settings, progress);
        for (var released = 0; !ingestion.IsCompleted; released++)
        {
            await Poll.UntilAsync(() => embedder.Calls > released || ingestion.IsCompleted, Timeout, $"embedding call {released + 1}");

            // Let the splitter run as far ahead as the flow allows before the embedder returns.
            await Poll.UntilStableAsync(() => progress.Last?.Chunks ?? 0, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
            embedder.Release();
        }

        var result = await ingestion.WaitAsync(Timeout);

        // In flight are a batch being embedded, one queued behind the credit edge, one waiting for a credit and a
        // partial batch, so about four batches. An unbounded flow would split all 100 documents at once.
        var bound = 5 * batchSize;
        Assert.Equal(documentCount, result.Indexed);
        Assert.True(progress.MaxAhead <= bound, $"{progress.MaxAhead} chunks were split ahead of indexing; the bound is {bound}");
        Assert.True(progress.MaxAhead >= batchSize, $"only {progress.MaxAhead} chunks were split ahead, so the flow did not pipeline");
        Assert.True(
            progress.MaxReadAhead <= bound + 2 * KnowledgeIngestor.CreditWindow,
            $"{progress.MaxReadAhead} documents were read ahead of indexing");
    }

    [Fact]
    public async Task Progress_grows_and_ends_with_totals()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var ingestor = new KnowledgeIngestor(provider);
        var progress = new RecordingProgress();
        var settings = new IngestionSettings { ChunkTokens = 20, OverlapTokens = 4, EmbeddingBatchSize = 3 };
        var long1 = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Rule {i} says staff file claims early."));

        var result = await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("long", long1), new KnowledgeDocument("short", "One rule.")), settings, progress).WaitAsync(Timeout);

        Assert.Equal(2, result.Documents);
        Assert.True(result.Chunks > 5, $"{result.Chunks} chunks");
        Assert.Equal(result.Chunks, result.Indexed);
        Assert.Equal(result, progress.Reports[^1]);
        for (var i = 1; i < progress.Reports.Count; i++)
        {
            Assert.True(progress.Reports[i].Chunks >= progress.Reports[i - 1].Chunks);
            Assert.True(progress.Reports[i].Indexed >= progress.Reports[i - 1].Indexed);
        }

        var knowledgeBase = await provider.GetAsync("kb").AsTask().WaitAsync(Timeout);
        Assert.Equal(result.Chunks, await knowledgeBase.CountAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Ingesting_again_replaces_document_chunks()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var ingestor = new KnowledgeIngestor(provider);
        var settings = new IngestionSettings { ChunkTokens = 20, OverlapTokens = 0 };
        var original = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"Old clause {i} covers parking permits."));

        var first = await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("doc", original), new KnowledgeDocument("keep", "Unrelated text.")), settings).WaitAsync(Timeout);
        var second = await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("doc", "New clause about bicycles.")), settings).WaitAsync(Timeout);

        var knowledgeBase = await provider.GetAsync("kb").AsTask().WaitAsync(Timeout);
        var oldHits = await knowledgeBase.SearchAsync("parking permits", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WaitAsync(Timeout);
        Assert.True(first.Chunks > 3);
        Assert.Equal(1, second.Chunks);
        Assert.Equal(2, await knowledgeBase.CountAsync().WaitAsync(Timeout));
        Assert.Empty(oldHits);
    }

    [Fact]
    public async Task Same_document_twice_keeps_last()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var ingestor = new KnowledgeIngestor(provider);
        var settings = new IngestionSettings { ChunkTokens = 10, OverlapTokens = 0, EmbeddingBatchSize = 64 };
        var longText = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"Old clause {i} covers parking."));

        await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("doc", longText), new KnowledgeDocument("doc", "Short new text.")), settings).WaitAsync(Timeout);

        var knowledgeBase = await provider.GetAsync("kb").AsTask().WaitAsync(Timeout);
        var hit = Assert.Single(await knowledgeBase.SearchAsync("text", new RetrievalOptions { Mode = RetrievalMode.Vector, TopK = 10 }).WaitAsync(Timeout));
        Assert.Equal("Short new text.", hit.Chunk.Text);
    }

    [Fact]
    public async Task Blank_document_removes_old_chunks()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var ingestor = new KnowledgeIngestor(provider);
        await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("doc", "Some policy text."))).WaitAsync(Timeout);

        var result = await ingestor.IngestAsync("kb", AsAsync(new KnowledgeDocument("doc", "  "))).WaitAsync(Timeout);

        var knowledgeBase = await provider.GetAsync("kb").AsTask().WaitAsync(Timeout);
        Assert.Equal(new IngestionProgress(1, 0, 0), result);
        Assert.Equal(0, await knowledgeBase.CountAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Embedder_failure_fails_ingestion_with_cause()
    {
        var embedder = new GatedEmbeddingGenerator { Gated = false, Failure = new InvalidOperationException("model is down") };
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), embedder);
        var ingestor = new KnowledgeIngestor(provider);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ingestor.IngestAsync("kb", Documents(20, () => { })).WaitAsync(Timeout));

        Assert.Contains("model is down", error.Message, StringComparison.Ordinal);
        Assert.Contains("'kb'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_ingestion()
    {
        var embedder = new GatedEmbeddingGenerator();
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), embedder);
        var ingestor = new KnowledgeIngestor(provider);
        using var cancellation = new CancellationTokenSource();

        var ingestion = ingestor.IngestAsync("kb", Documents(100, () => { }), cancellationToken: cancellation.Token);
        await Poll.UntilAsync(() => embedder.Calls > 0, Timeout, "the first embedding call");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ingestion.WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(0, 0, 32, "ChunkTokens")]
    [InlineData(10, 10, 32, "OverlapTokens")]
    [InlineData(10, 2, 0, "EmbeddingBatchSize")]
    public async Task Invalid_settings_are_rejected(int chunkTokens, int overlapTokens, int batchSize, string field)
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var settings = new IngestionSettings { ChunkTokens = chunkTokens, OverlapTokens = overlapTokens, EmbeddingBatchSize = batchSize };

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new KnowledgeIngestor(provider).IngestAsync("kb", Documents(1, () => { }), settings).WaitAsync(Timeout));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<KnowledgeDocument> Documents(int count, Action onRead, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            onRead();
            yield return new KnowledgeDocument($"doc-{i}", $"Document {i} describes rule {i} of the travel policy.");
        }
    }

    private static async IAsyncEnumerable<KnowledgeDocument> AsAsync(params KnowledgeDocument[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }

    /// <summary>Records reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
    private sealed class RecordingProgress : IProgress<IngestionProgress>
    {
        private readonly Lock _lock = new();

        public List<IngestionProgress> Reports { get; } = [];

        public IngestionProgress? Last { get; private set; }

        public int MaxAhead { get; private set; }

        /// <summary>The most documents read from the source but not yet indexed at any report, each document being one chunk.</summary>
        public int MaxReadAhead { get; private set; }

        public Func<int>? ReadCounter { get; set; }

        public void Report(IngestionProgress value)
        {
            lock (_lock)
            {
                Reports.Add(value);
                Last = value;
                MaxAhead = Math.Max(MaxAhead, value.Chunks - value.Indexed);
                if (ReadCounter is not null)
                {
                    MaxReadAhead = Math.Max(MaxReadAhead, ReadCounter() - value.Indexed);
                }
            }
        }
    }
}
