using System.Diagnostics;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// Measures MiniLM's load time once, then embedding throughput for 256 short sentences and for 64 chunks of about
/// 200 cl100k tokens, three runs each, and prints the results. Run with the argument <c>embedding-probe</c>.
/// </summary>
internal static class EmbeddingProbe
{
    public static async Task RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var generator = new MiniLmEmbeddingGenerator();
        generator.EnsureLoaded();
        Console.WriteLine($"model load: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        var sentences = Enumerable.Range(0, 256)
            .Select(i => $"Employees may claim up to {i + 10} euros for meals on a business trip of {i % 5 + 1} days.")
            .ToArray();
        var chunk = string.Join(' ', Enumerable.Range(0, 9).Select(i => $"Rule {i} of the travel policy says that a request over {i * 10} euros needs a manager's approval within {i % 7 + 1} days."));
        var chunks = Enumerable.Range(0, 64).Select(i => $"{i} {chunk}").ToArray();
        Console.WriteLine($"chunk length: {TokenTextSplitter.Default.CountTokens(chunks[0])} cl100k tokens");

        await MeasureAsync(generator, "short sentences", sentences);
        await MeasureAsync(generator, "200-token chunks", chunks);
    }

    private static async Task MeasureAsync(MiniLmEmbeddingGenerator generator, string label, string[] inputs)
    {
        await generator.GenerateAsync(inputs.Take(8));
        for (var run = 0; run < 3; run++)
        {
            var started = Stopwatch.GetTimestamp();
            await generator.GenerateAsync(inputs);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"{label}: {inputs.Length} in {seconds:F2} s = {inputs.Length / seconds:F0}/s");
        }
    }
}
