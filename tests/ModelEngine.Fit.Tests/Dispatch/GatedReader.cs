using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>Ignores its token, waits for the test to open a gate, then reads every byte of its document.</summary>
[Fitable("gated")]
public sealed class GatedReader : IGatedReader
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<long> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<long> SumAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        Started.SetResult();
        await Gate.Task;
        long sum = 0;
        foreach (var value in document.Span)
        {
            sum += value;
        }

        Finished.SetResult(sum);
        return sum;
    }
}
