using System.Runtime.CompilerServices;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Benchmarks.Dispatch;

/// <summary>Operator contracts that do nothing, so that a call measures dispatch alone.</summary>
public interface IEmptyOperator
{
    [Genericable("bench.ping")]
    void Ping();

    [Genericable("bench.add")]
    int Add(int a, int b);

    [Genericable("bench.add-async")]
    ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken);
}

[Fitable("bench-impl")]
public sealed class EmptyOperator : IEmptyOperator
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Ping()
    {
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(int a, int b) => a + b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken) => new(a + b);
}
