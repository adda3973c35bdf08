using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Without arguments, runs every benchmark with a short job (1 warm-up, 3 iterations), which takes minutes.
// Pass BenchmarkDotNet arguments (for example --filter '*HandleToSpan*' --job short) to choose.
var config = args.Length == 0
    ? DefaultConfig.Instance.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3))
    : DefaultConfig.Instance;
BenchmarkSwitcher.FromAssembly(typeof(ModelEngine.Fit.Benchmarks.PayloadBenchmarks).Assembly)
    .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
