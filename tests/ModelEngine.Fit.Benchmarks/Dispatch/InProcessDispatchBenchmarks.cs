using BenchmarkDotNet.Attributes;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Benchmarks.Dispatch;

/// <summary>
/// Empty dispatch in process: a direct interface call against the same call through the typed proxy and the generic
/// invoker, with the fitable loaded here. The overhead per call is the difference from the direct call.
/// </summary>
[BenchmarkCategory("dispatch")]
[Config(typeof(DispatchConfig))]
public class InProcessDispatchBenchmarks
{
    private static readonly object?[] s_addArguments = [1, 2];

    private IEmptyOperator _direct = null!;
    private IEmptyOperator _proxy = null!;
    private FitClient _client = null!;
    private CancellationTokenSource _cancel = null!;

    [GlobalSetup]
    public void Setup()
    {
        var implementation = new EmptyOperator();
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(EmptyOperator), () => implementation, FitBuilder.CodeOwner))
        {
            registry.AddLocal(fitable);
        }

        _direct = implementation;
        _client = new FitClient(registry, new FitOptions());
        _proxy = _client.Get<IEmptyOperator>();
        _cancel = new CancellationTokenSource();
    }

    [GlobalCleanup]
    public void Cleanup() => _cancel.Dispose();

    [Benchmark(Baseline = true, Description = "direct: void Ping()")]
    public void DirectPing() => _direct.Ping();

    [Benchmark(Description = "proxy: void Ping()")]
    public void ProxyPing() => _proxy.Ping();

    [Benchmark(Description = "invoker: bench.ping")]
    public object? InvokerPing() => _client.InvokeAsync("bench.ping", []).Result;

    [Benchmark(Description = "direct: int Add(a, b)")]
    public int DirectAdd() => _direct.Add(1, 2);

    [Benchmark(Description = "proxy: int Add(a, b)")]
    public int ProxyAdd() => _proxy.Add(1, 2);

    [Benchmark(Description = "invoker: bench.add")]
    public object? InvokerAdd() => _client.InvokeAsync("bench.add", s_addArguments).Result;

    [Benchmark(Description = "direct: ValueTask<int> AddAsync(a, b, token)")]
    public int DirectAddAsync() => _direct.AddAsync(1, 2, CancellationToken.None).Result;

    [Benchmark(Description = "proxy: ValueTask<int> AddAsync(a, b, token)")]
    public int ProxyAddAsync() => _proxy.AddAsync(1, 2, CancellationToken.None).Result;

    [Benchmark(Description = "proxy: AddAsync with a cancellable token")]
    public int ProxyAddAsyncCancellable() => _proxy.AddAsync(1, 2, _cancel.Token).Result;

    [Benchmark(Description = "invoker: bench.add-async")]
    public object? InvokerAddAsync() => _client.InvokeAsync("bench.add-async", s_addArguments).Result;
}
