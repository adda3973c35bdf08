namespace ModelEngine.Waterflow;

/// <summary>A one-shot credit waiter that an async producer awaits.</summary>
internal sealed class CreditSignal : ICreditWaiter
{
    private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _granted.Task;

    public void OnCredit() => _granted.TrySetResult();

    /// <summary>Waits until <paramref name="edge"/> has credits again, or returns at once if it already has.</summary>
    public static async ValueTask WaitAsync<T>(CreditEdge<T> edge, FlowRuntime runtime, CancellationToken cancellationToken)
    {
        var signal = new CreditSignal();
        if (!edge.RegisterWaiter(signal))
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runtime.CancellationToken);
        await signal.Task.WaitAsync(linked.Token).ConfigureAwait(false);
    }
}
