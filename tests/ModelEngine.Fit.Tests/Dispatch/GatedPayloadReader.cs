using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>Ignores its token, waits for the test to open a gate, then reads every byte of its payload in place.</summary>
[Fitable("gated-payload")]
public sealed class GatedPayloadReader : IGatedPayloadReader
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<long> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<long> SumAsync(FitPayload document, CancellationToken cancellationToken)
    {
        // The memory is taken before the wait, as a fitable that reads in place would, so it outlives the caller's object.
        var memory = document.Memory;
        Started.SetResult();
        await Gate.Task;
        long sum = 0;
        foreach (var value in memory.Span)
        {
            sum += value;
        }

        Finished.SetResult(sum);
        return sum;
    }
}
