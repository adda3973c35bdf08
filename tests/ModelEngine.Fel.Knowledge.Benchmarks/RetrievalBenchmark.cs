using BenchmarkDotNet.Attributes;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// One search over 100,000 chunks of 384-dimensional vectors and 40-word texts, per retrieval mode, through
/// <see cref="EmbeddedKnowledgeBase.SearchAsync"/> with the default options (top 5 from 50 candidates per ranking).
/// The query embedding is a random vector, so the MiniLM query cost is not included; see <see cref="EmbeddingBenchmark"/>.
/// </summary>
[Config(typeof(KnowledgeBenchmarkConfig))]
public class RetrievalBenchmark
{
    private const int Dimensions = 384;
    private readonly Random _random = new(3);
    private EmbeddedKnowledgeBase _knowledgeBase = null!;
    private string[] _queries = [];
    private int _next;

    [Params(100_000)]
    public int Chunks { get; set; }

    [Params(RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid)]
    public RetrievalMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryKnowledgeChunkStore();
        foreach (var batch in SyntheticCorpus.Chunks(Chunks, Dimensions, seed: 1).Chunk(5_000))
        {
            store.UpsertAsync("bench", batch).GetAwaiter().GetResult();
        }

        _knowledgeBase = new EmbeddedKnowledgeBase("bench", store, new RandomQueryEmbeddingGenerator(Dimensions));
        _knowledgeBase.OpenAsync().GetAwaiter().GetResult();
        _queries = Enumerable.Range(0, 256).Select(_ => SyntheticCorpus.RandomText(_random, 6)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _knowledgeBase.Dispose();

    [Benchmark]
    public async Task<int> Search()
    {
        var query = _queries[_next++ % _queries.Length];
        var hits = await _knowledgeBase.SearchAsync(query, new RetrievalOptions { Mode = Mode });
        return hits.Count;
    }
}
