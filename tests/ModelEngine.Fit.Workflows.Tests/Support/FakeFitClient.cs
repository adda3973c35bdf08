using System.Collections.Concurrent;
using ModelEngine.Fit.Client;

namespace ModelEngine.Fit.Workflows.Tests.Support;

/// <summary>An <see cref="IFitClient"/> that records each call and returns the result of <see cref="Handler"/>.</summary>
internal sealed class FakeFitClient : IFitClient
{
    public Func<FitCall, CancellationToken, ValueTask<object?>> Handler { get; set; } = (_, _) => ValueTask.FromResult<object?>(null);

    public ConcurrentQueue<FitCall> Calls { get; } = new();

    public T Get<T>(FitCallOptions? options = null)
        where T : class =>
        throw new NotSupportedException("The fake client serves generic invocations only.");

    public ValueTask<object?> InvokeAsync(
        string genericableId,
        IReadOnlyList<object?> arguments,
        FitCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var call = new FitCall(genericableId, arguments.ToArray(), options);
        Calls.Enqueue(call);
        return Handler(call, cancellationToken);
    }
}
