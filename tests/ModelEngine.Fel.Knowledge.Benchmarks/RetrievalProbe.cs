using System.Diagnostics;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// Per-query latency over the same 100,000 synthetic chunks as <see cref="RetrievalBenchmark"/>: 50 warm-up queries,
/// then 500 timed queries per mode, one at a time, and prints the median, p95 and max of the single queries.
/// BenchmarkDotNet's P95 column is over iteration means, so this probe gives the per-query tail. Run with the
/// argument <c>retrieval-probe</c>.
/// </summary>
internal static class RetrievalProbe
{
    private const int Dimensions = 384;

    public static async Task RunAsync(int chunks)
    {
        var store = new InMemoryKnowledgeChunkStore();
        foreach (var batch in SyntheticCorpus.Chunks(chunks, Dimensions, seed: 1).Chunk(5_000))
        {
            await store.UpsertAsync("probe", batch);
        }

        using var knowledgeBase = new EmbeddedKnowledgeBase("probe", store, new RandomQueryEmbeddingGenerator(Dimensions));
        var opened = Stopwatch.GetTimestamp();
        await knowledgeBase.OpenAsync();
        Console.WriteLine($"rebuilt indexes over {chunks} chunks in {Stopwatch.GetElapsedTime(opened).TotalSeconds:F1} s");

        var random = new Random(5);
        var queries = Enumerable.Range(0, 550).Select(_ => SyntheticCorpus.RandomText(random, 6)).ToArray();
        foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
        {
            var options = new RetrievalOptions { Mode = mode };
            var times = new List<double>();
            for (var i = 0; i < queries.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await knowledgeBase.SearchAsync(queries[i], options);
                if (i >= 50)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            times.Sort();
            Console.WriteLine(
                $"{mode}: median {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms, max {times[^1]:F1} ms over {times.Count} queries");
        }
    }
}
