using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel;
using ModelEngine.Fel.Testing;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;
using ModelEngine.Persistence.Tests.PostgreSql;

namespace ModelEngine.Persistence.Tests.Knowledge;

/// <summary>
/// The PostgreSQL knowledge base on a small labeled set: full-text, vector and hybrid ranking, stemming, isolation by
/// name, and queries and names that carry SQL.
/// </summary>
public sealed class PostgresKnowledgeBaseTests : IAsyncLifetime
{
    /// <summary>A policy text per topic. Each document is one chunk, so a query's expected chunk is "{topic}#0".</summary>
    private static readonly (string Topic, string Text)[] Corpus =
    [
        ("refund", "A refund is paid to the original card within 14 days after the returned item arrives at the warehouse."),
        ("shipping", "Standard shipping takes three to five working days; express delivery arrives the next working day."),
        ("password", "To reset a forgotten password, open the sign-in page and follow the link sent to your e-mail address."),
        ("warranty", "The warranty covers manufacturing defects for two years from the purchase date, but not accidental damage."),
        ("invoice", "Invoices are issued as PDF files and can be downloaded from the billing section of the customer portal."),
        ("privacy", "Personal data is kept for six years for tax purposes and is never sold to third parties."),
        ("cancellation", "An order can be cancelled free of charge until it leaves the warehouse."),
        ("gift", "Gift cards never expire and cannot be exchanged for cash."),
    ];

    private readonly PostgresTestDatabase _database = new();
    private readonly HashingEmbeddingGenerator _embeddingGenerator = new(dimensions: 256);
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.SkipReason is not null)
        {
            return;
        }

        _services = await _database.CreateServiceProviderAsync().WithTimeout();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().AsTask().WithTimeout();
        }

        await _database.DeleteAsync().WithTimeout();
    }

    [PostgresTheory]
    [InlineData(RetrievalMode.Keyword, "How long until my refund is paid?", "refund")]
    [InlineData(RetrievalMode.Keyword, "express delivery", "shipping")]
    [InlineData(RetrievalMode.Vector, "reset my forgotten password", "password")]
    [InlineData(RetrievalMode.Vector, "gift cards expire", "gift")]
    [InlineData(RetrievalMode.Hybrid, "download an invoice PDF", "invoice")]
    [InlineData(RetrievalMode.Hybrid, "is accidental damage covered by the warranty", "warranty")]
    public async Task Search_LabeledQuery_RanksExpectedChunkFirst(RetrievalMode mode, string query, string expectedTopic)
    {
        var knowledgeBase = await IndexCorpusAsync("policies");

        var results = await knowledgeBase.SearchAsync(query, new RetrievalOptions { Mode = mode, TopK = 3 }).WithTimeout();

        Assert.NotEmpty(results);
        Assert.Equal($"{expectedTopic}#0", results[0].Chunk.Id);
        Assert.True(results.Count <= 3, $"TopK 3 returned {results.Count} chunks.");
        Assert.Equal(results.OrderByDescending(result => result.Score).Select(result => result.Chunk.Id), results.Select(result => result.Chunk.Id));
    }

    [PostgresFact]
    public async Task Keyword_InflectedWord_MatchesStem()
    {
        var knowledgeBase = await IndexCorpusAsync("policies");

        var refunds = await knowledgeBase.SearchAsync("refunds", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        var cancelling = await knowledgeBase.SearchAsync("cancelling", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();

        Assert.Equal(["refund#0"], refunds.Select(result => result.Chunk.Id));
        Assert.Equal(["cancellation#0"], cancelling.Select(result => result.Chunk.Id));
    }

    [PostgresFact]
    public async Task Keyword_SimpleConfiguration_DoesNotStem()
    {
        var knowledgeBase = await IndexCorpusAsync("policies", options => options.TextSearchConfiguration = "simple");

        var refunds = await knowledgeBase.SearchAsync("refunds", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        var refund = await knowledgeBase.SearchAsync("refund", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();

        Assert.Empty(refunds);
        Assert.Equal(["refund#0"], refund.Select(result => result.Chunk.Id));
    }

    [PostgresFact]
    public async Task Keyword_MatchAllTerms_NeedsEveryTerm()
    {
        var knowledgeBase = await IndexCorpusAsync("policies", options => options.MatchAllTerms = true);

        var both = await knowledgeBase.SearchAsync("warehouse refund", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        var excluded = await knowledgeBase.SearchAsync("warehouse -refund", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();

        Assert.Equal(["refund#0"], both.Select(result => result.Chunk.Id));
        Assert.Equal(["cancellation#0"], excluded.Select(result => result.Chunk.Id));
    }

    [PostgresFact]
    public async Task KnowledgeBases_SameIds_AreIsolatedByName()
    {
        var policies = await IndexCorpusAsync("policies");
        var provider = CreateProvider();
        var other = await provider.GetAsync("other").AsTask().WithTimeout();
        await other.IndexAsync([new KnowledgeChunk("refund#0", "refund", 0, "Refunds for the other tenant are paid in vouchers.")]).WithTimeout();

        var fromOther = await other.SearchAsync("refund", new RetrievalOptions { Mode = RetrievalMode.Hybrid }).WithTimeout();
        var deleted = await other.DeleteDocumentAsync("refund").WithTimeout();

        var only = Assert.Single(fromOther);
        Assert.Contains("vouchers", only.Chunk.Text, StringComparison.Ordinal);
        Assert.Equal(1, deleted);
        Assert.Equal(0, await other.CountAsync().WithTimeout());
        Assert.Equal(Corpus.Length, await policies.CountAsync().WithTimeout());
    }

    [PostgresFact]
    public async Task Index_SameIdAgain_ReplacesTextAndRanking()
    {
        var knowledgeBase = await IndexCorpusAsync("policies");

        await knowledgeBase.IndexAsync([new KnowledgeChunk("gift#0", "gift", 0, "Vouchers are valid for one year.", new Dictionary<string, string> { ["v"] = "2" })]).WithTimeout();
        var oldWords = await knowledgeBase.SearchAsync("gift cards", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        var newWords = await knowledgeBase.SearchAsync("vouchers", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();

        Assert.DoesNotContain(oldWords, result => result.Chunk.Id == "gift#0");
        var replaced = Assert.Single(newWords);
        Assert.Equal("2", replaced.Chunk.Metadata?["v"]);
        Assert.Equal(Corpus.Length, await knowledgeBase.CountAsync().WithTimeout());
    }

    [PostgresFact]
    public async Task ReplaceDocuments_RemovesOldChunks()
    {
        var knowledgeBase = await CreateProvider().GetAsync("replace").AsTask().WithTimeout();
        await knowledgeBase.IndexAsync(
        [
            new KnowledgeChunk("manual#0", "manual", 0, "Press the red button to start."),
            new KnowledgeChunk("manual#1", "manual", 1, "Press it again to stop."),
        ]).WithTimeout();

        await knowledgeBase.ReplaceDocumentsAsync(["manual"], [new KnowledgeChunk("manual#0", "manual", 0, "Turn the dial to start.")]).WithTimeout();

        Assert.Equal(1, await knowledgeBase.CountAsync().WithTimeout());
        var found = await knowledgeBase.SearchAsync("dial", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        Assert.Equal("manual#0", Assert.Single(found).Chunk.Id);
    }

    [PostgresFact]
    public async Task ReplaceDocuments_FailedEmbedding_KeepsOldChunks()
    {
        await IndexCorpusAsync("policies");
        var failing = await CreateProvider(generator: new FailingEmbeddingGenerator(new InvalidOperationException("The embedding provider is down."))).GetAsync("policies").AsTask().WithTimeout();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => failing.ReplaceDocumentsAsync(["gift"], [new KnowledgeChunk("gift#0", "gift", 0, "Vouchers are valid for one year.")]).WithTimeout());

        Assert.Equal(Corpus.Length, await failing.CountAsync().WithTimeout());
        var found = await failing.SearchAsync("gift cards", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        Assert.Contains(found, result => result.Chunk.Id == "gift#0");
    }

    [PostgresFact]
    public async Task Index_Chunks_ReadableThroughChunkStore()
    {
        await IndexCorpusAsync("policies");
        var store = new EfKnowledgeChunkStore(
            Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
            Services.GetRequiredService<WriteLock>(),
            new FakeTimeProvider(),
            NullLogger<EfKnowledgeChunkStore>.Instance);

        var chunks = new List<StoredChunk>();
        await foreach (var chunk in store.ReadAllAsync("policies"))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(Corpus.Length, chunks.Count);
        Assert.All(chunks, chunk => Assert.Equal(_embeddingGenerator.Dimensions, chunk.Vector.Length));
        Assert.All(chunks, chunk => Assert.Equal(1.0, Math.Sqrt(chunk.Vector.ToArray().Sum(v => (double)v * v)), precision: 4));
    }

    [PostgresFact]
    public async Task Search_QueryWithSql_IsSearchedAsText()
    {
        var knowledgeBase = await IndexCorpusAsync("policies");
        string[] hostileQueries =
        [
            "'; DROP TABLE \"KnowledgeChunks\"; --",
            "refund') OR 1=1 --",
            "refund & | ! <-> :* ''",
            "\" or \"\" -",
            "",
        ];

        foreach (var query in hostileQueries)
        {
            foreach (var mode in Enum.GetValues<RetrievalMode>())
            {
                var results = await knowledgeBase.SearchAsync(query, new RetrievalOptions { Mode = mode }).WithTimeout();
                Assert.True(results.Count <= 5, $"Query {query} in mode {mode} returned {results.Count} chunks.");
            }
        }

        Assert.Equal(Corpus.Length, await knowledgeBase.CountAsync().WithTimeout());
        var refund = await knowledgeBase.SearchAsync("refund') OR 1=1 --", new RetrievalOptions { Mode = RetrievalMode.Keyword }).WithTimeout();
        Assert.Equal("refund#0", refund[0].Chunk.Id);
    }

    [PostgresFact]
    public async Task GetAsync_NameWithSql_Throws()
    {
        var provider = CreateProvider();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => provider.GetAsync("kb'; DROP TABLE \"KnowledgeChunks\"; --").AsTask()).WithTimeout();

        Assert.Contains("knowledge base name", exception.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task GetAsync_UnknownTextSearchConfiguration_ThrowsWithName()
    {
        var provider = CreateProvider(options => options.TextSearchConfiguration = "klingon");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetAsync("kb").AsTask()).WithTimeout();

        Assert.Contains("'klingon'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TextSearchConfiguration", exception.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Search_MinScoreAndTopK_AreApplied()
    {
        var knowledgeBase = await IndexCorpusAsync("policies");

        var top = await knowledgeBase.SearchAsync("warehouse", new RetrievalOptions { Mode = RetrievalMode.Vector, TopK = 2 }).WithTimeout();
        var strict = await knowledgeBase.SearchAsync("warehouse", new RetrievalOptions { Mode = RetrievalMode.Vector, MinScore = 0.99 }).WithTimeout();

        Assert.Equal(2, top.Count);
        Assert.Empty(strict);
    }

    [PostgresFact]
    public async Task Search_Rerank_UsesRerankerOrder()
    {
        await IndexCorpusAsync("policies");
        var reranker = new ReversingReranker();
        var knowledgeBase = await CreateProvider(reranker: reranker).GetAsync("policies").AsTask().WithTimeout();

        var plain = await knowledgeBase.SearchAsync("refund", new RetrievalOptions { Mode = RetrievalMode.Hybrid, TopK = 1 }).WithTimeout();
        var reranked = await knowledgeBase.SearchAsync("refund", new RetrievalOptions { Mode = RetrievalMode.Hybrid, TopK = 1, Rerank = true }).WithTimeout();

        Assert.Equal("refund#0", Assert.Single(plain).Chunk.Id);
        Assert.Equal(1, reranker.Calls);
        Assert.Equal(Corpus.Length, reranker.CandidateCount);
        Assert.NotEqual("refund#0", Assert.Single(reranked).Chunk.Id);
    }

    [PostgresFact]
    public async Task Registration_PostgreSql_ResolvesProvider()
    {
        var services = new ServiceCollection().AddLogging()
            .AddModelEngineEntityFrameworkCore(PersistenceProvider.PostgreSql, _database.ConnectionString)
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_embeddingGenerator)
            .AddModelEnginePostgreSqlKnowledgeBases(options => options.TextSearchConfiguration = "english");
        await using var provider = services.BuildServiceProvider();

        var knowledgeBase = await provider.GetRequiredService<IKnowledgeBaseProvider>().GetAsync("kb").AsTask().WithTimeout();

        Assert.IsType<PostgreSqlKnowledgeBase>(knowledgeBase);
        Assert.Equal("kb", knowledgeBase.Name);
    }

    private IServiceProvider Services => _services ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private PostgreSqlKnowledgeBaseProvider CreateProvider(
        Action<PostgreSqlKnowledgeBaseOptions>? configure = null,
        IReranker? reranker = null,
        IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        var options = new PostgreSqlKnowledgeBaseOptions();
        configure?.Invoke(options);
        return new PostgreSqlKnowledgeBaseProvider(
            Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
            generator ?? _embeddingGenerator,
            options,
            new FakeTimeProvider(),
            NullLogger<PostgreSqlKnowledgeBase>.Instance,
            reranker);
    }

    private async Task<IKnowledgeBase> IndexCorpusAsync(string name, Action<PostgreSqlKnowledgeBaseOptions>? configure = null)
    {
        var knowledgeBase = await CreateProvider(configure).GetAsync(name).AsTask().WithTimeout();
        var chunks = Corpus.Select(entry => new KnowledgeChunk($"{entry.Topic}#0", entry.Topic, 0, entry.Text)).ToList();
        await knowledgeBase.IndexAsync(chunks).WithTimeout();
        return knowledgeBase;
    }

    /// <summary>A reranker that reverses the fused order, so that a test can tell whether its order was used.</summary>
    private sealed class ReversingReranker : IReranker
    {
        public int Calls { get; private set; }

        public int CandidateCount { get; private set; }

        public Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
        {
            Calls++;
            CandidateCount = candidates.Count;
            IReadOnlyList<RetrievedChunk> reversed = candidates.Reverse().Select((chunk, rank) => chunk with { Score = candidates.Count - rank }).ToList();
            return Task.FromResult(reversed);
        }
    }
}
