using BenchmarkDotNet.Attributes;
using System.Text;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// Split and Index with MiniLM: 32 documents of about 600 cl100k tokens of prose each, split into chunks of at most
/// 200 tokens with 20 overlapping, embedded in batches of 32 and indexed into an empty knowledge base. The chunk count
/// per run is printed at setup; chunks/s = chunks / mean time.
/// </summary>
[Config(typeof(IngestionBenchmarkConfig))]
public class IngestionBenchmark
{
    private MiniLmEmbeddingGenerator _generator = null!;
    private KnowledgeDocument[] _documents = [];
    private int _run;

    public int ChunksPerRun { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _generator = new MiniLmEmbeddingGenerator();
        _generator.EnsureLoaded();
        var topics = new[] { "refunds", "shipping", "passwords", "expenses", "travel", "leave", "invoices", "onboarding" };
        _documents = Enumerable.Range(0, 32).Select(d =>
        {
            var text = new StringBuilder();
            for (var s = 0; s < 40; s++)
            {
                text.Append($"Rule {s} of the {topics[(d + s) % topics.Length]} policy says that a request over {s * 10 + d} euros needs a manager's approval within {s % 7 + 1} days. ");
                if (s % 8 == 7)
                {
                    text.Append("\n\n");
                }
            }

            return new KnowledgeDocument($"doc-{d}", text.ToString());
        }).ToArray();
        ChunksPerRun = _documents.Sum(d => TokenTextSplitter.Default.Split(d, new IngestionSettings()).Count);
        Console.WriteLine($"// Ingestion run: {_documents.Length} documents, {ChunksPerRun} chunks");
    }

    [GlobalCleanup]
    public void Cleanup() => _generator.Dispose();

    [Benchmark]
    public async Task<int> SplitAndIndex()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), _generator);
        var ingestor = new KnowledgeIngestor(provider);
        var result = await ingestor.IngestAsync($"run-{_run++}", _documents.ToAsyncEnumerable());
        return result.Indexed;
    }
}
