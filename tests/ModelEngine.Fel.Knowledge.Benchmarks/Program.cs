using BenchmarkDotNet.Running;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "embedding-probe")
        {
            await EmbeddingProbe.RunAsync();
            return;
        }

        if (args.Length > 0 && args[0] == "retrieval-probe")
        {
            await RetrievalProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
