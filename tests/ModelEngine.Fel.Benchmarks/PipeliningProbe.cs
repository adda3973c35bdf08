using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Benchmarks;

/// <summary>
/// Streams 100 chunks at 50 ms each through two stages of 100 ms each (real delays), once through an AiFlows flow
/// and once as a sequential loop, and prints the median total of each. With pipelining the total should approach
/// the slowest stage's total (100 × 100 ms = 10 s) instead of the sum (100 × 250 ms = 25 s).
/// </summary>
internal static class PipeliningProbe
{
    private const int Chunks = 100;
    private static readonly TimeSpan ChunkDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StageDelay = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(int runs)
    {
        var pipelined = new List<double>();
        var sequential = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            pipelined.Add(await PipelinedAsync());
            sequential.Add(await SequentialAsync());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: pipelined {pipelined[^1]:F2} s, sequential {sequential[^1]:F2} s"));
        }

        var pipelinedMedian = Median(pipelined);
        var sequentialMedian = Median(sequential);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"median of {runs}: pipelined {pipelinedMedian:F2} s, sequential {sequentialMedian:F2} s, ratio {sequentialMedian / pipelinedMedian:F2}"));
    }

    private static async Task<double> PipelinedAsync()
    {
        var client = new SlowStreamingChatClient(Chunks, ChunkDelay);
        var received = 0;
        var flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateStream(client)
            .Map(async (update, ct) =>
            {
                await Task.Delay(StageDelay, ct);
                return update;
            })
            .Map(async (update, ct) =>
            {
                await Task.Delay(StageDelay, ct);
                return update.Text;
            })
            .Close(_ => Interlocked.Increment(ref received));

        var started = Stopwatch.GetTimestamp();
        await flow.Offer(["go"]).Completion.WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        flow.Finish();
        if (received != Chunks)
        {
            throw new InvalidOperationException($"The pipelined flow delivered {received} chunks, but {Chunks} were expected.");
        }

        return elapsed;
    }

    private static async Task<double> SequentialAsync()
    {
        var client = new SlowStreamingChatClient(Chunks, ChunkDelay);
        var received = 0;
        var started = Stopwatch.GetTimestamp();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")]))
        {
            await Task.Delay(StageDelay);
            await Task.Delay(StageDelay);
            _ = update.Text;
            received++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (received != Chunks)
        {
            throw new InvalidOperationException($"The sequential loop received {received} chunks, but {Chunks} were expected.");
        }

        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
