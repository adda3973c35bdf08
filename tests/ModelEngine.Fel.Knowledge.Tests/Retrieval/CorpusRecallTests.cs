using Xunit.Abstractions;

namespace ModelEngine.Fel.Knowledge.Tests;

/// <summary>Recall@5 on the labeled corpus with the real MiniLM model, per retrieval mode.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class CorpusRecallTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Hybrid_recall_at_5_reaches_0_9()
    {
        var documents = LabeledCorpus.LoadDocuments();
        var queries = LabeledCorpus.LoadQueries();
        using var knowledgeBase = new EmbeddedKnowledgeBase(
            "corpus", new InMemoryKnowledgeChunkStore(), fixture.Generator, new EmbeddingReranker(fixture.Generator));
        var chunks = documents.Select(d => new KnowledgeChunk($"{d.Id}#0", d.Id, 0, d.Text)).ToList();
        await knowledgeBase.IndexAsync(chunks).WaitAsync(Timeout);

        var keyword = await RecallAsync(knowledgeBase, queries, RetrievalMode.Keyword);
        var vector = await RecallAsync(knowledgeBase, queries, RetrievalMode.Vector);
        var hybrid = await RecallAsync(knowledgeBase, queries, RetrievalMode.Hybrid);
        var reranked = await RecallAsync(knowledgeBase, queries, RetrievalMode.Hybrid, rerank: true);
        using var plainFusion = new EmbeddedKnowledgeBase(
            "corpus-plain", new InMemoryKnowledgeChunkStore(), fixture.Generator, hybridKeywordMinimumShouldMatch: 0);
        await plainFusion.IndexAsync(chunks).WaitAsync(Timeout);
        var plainHybrid = await RecallAsync(plainFusion, queries, RetrievalMode.Hybrid);
        output.WriteLine(
            $"recall@5 over {documents.Count} documents and {queries.Count} queries: keyword {keyword:F3}, vector {vector:F3}, " +
            $"hybrid {hybrid:F3}, hybrid reranked {reranked:F3}, hybrid over any-term BM25 {plainHybrid:F3}");

        Assert.Equal(200, documents.Count);
        Assert.Equal(50, queries.Count);
        Assert.True(hybrid >= 0.9, $"hybrid recall@5 is {hybrid:F3}; keyword {keyword:F3}, vector {vector:F3}");
    }

    [Fact]
    public void Corpus_queries_point_at_existing_documents()
    {
        var ids = LabeledCorpus.LoadDocuments().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var query in LabeledCorpus.LoadQueries())
        {
            Assert.InRange(query.Relevant.Length, 1, 2);
            Assert.All(query.Relevant, id => Assert.Contains(id, ids));
        }
    }

    // Recall@5: the share of relevant documents found in the top 5, averaged over the queries.
    private async Task<double> RecallAsync(EmbeddedKnowledgeBase knowledgeBase, IReadOnlyList<CorpusQuery> queries, RetrievalMode mode, bool rerank = false)
    {
        var total = 0.0;
        foreach (var query in queries)
        {
            var hits = await knowledgeBase.SearchAsync(query.Query, new RetrievalOptions { TopK = 5, Mode = mode, Rerank = rerank, Candidates = rerank ? 20 : 50 }).WaitAsync(Timeout);
            var found = hits.Select(h => h.Chunk.DocumentId).ToHashSet(StringComparer.Ordinal);
            var recall = query.Relevant.Count(found.Contains) / (double)query.Relevant.Length;
            if (recall < 1)
            {
                output.WriteLine($"{knowledgeBase.Name} {mode}{(rerank ? " reranked" : "")} missed {query.Id}: top 5 were {string.Join(", ", found)}");
            }

            total += recall;
        }

        return total / queries.Count;
    }
}
