using BenchmarkDotNet.Running;

namespace ModelEngine.Fit.DispatchBenchmarks;

public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new DispatchConfig());
}
