using BenchmarkDotNet.Running;

namespace ModelEngine.Waterflow.Benchmarks;

public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "slow-consumer")
        {
            await SlowConsumerProbe.RunAsync();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new ShortConfig());
    }
}
