using BenchmarkDotNet.Attributes;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>MiniLM embedding speed: one short query, and a batch of 64 short sentences.</summary>
[Config(typeof(KnowledgeBenchmarkConfig))]
public class EmbeddingBenchmark
{
    private MiniLmEmbeddingGenerator _generator = null!;
    private string[] _sentences = [];

    [GlobalSetup]
    public void Setup()
    {
        _generator = new MiniLmEmbeddingGenerator();
        _generator.EnsureLoaded();
        _sentences = Enumerable.Range(0, 64)
            .Select(i => $"Employees may claim up to {i + 10} euros for meals on a business trip of {i % 5 + 1} days.")
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _generator.Dispose();

    [Benchmark]
    public async Task<int> OneQuery() => (await _generator.GenerateAsync(["How much can I spend on dinner when travelling?"])).Count;

    [Benchmark]
    public async Task<int> SixtyFourSentences() => (await _generator.GenerateAsync(_sentences)).Count;
}
