namespace ModelEngine.Benchmarks.PostgreSql;

/// <summary>Runs a batch of operations with a fixed number in flight, as concurrent API callers would.</summary>
internal static class Concurrency
{
    public static Task RunAsync(int count, int inFlight, Func<int, Task> operation) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (index, _) => await operation(index));
}
