using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>An executor that runs a test's delegate and counts the requests it is running.</summary>
internal sealed class FakeExecutor(Func<FitRequest, CancellationToken, Task<FitResponse>> run) : IFitRequestExecutor
{
    private int _running;
    private int _peak;

    public int Running => Volatile.Read(ref _running);

    public int Peak => Volatile.Read(ref _peak);

    public int Calls;

    /// <summary>Answers with the first argument's bytes as the result.</summary>
    public static FakeExecutor Echo() => new((request, _) => Task.FromResult(Ok(request)));

    public static FitResponse Ok(FitRequest request) => new()
    {
        RequestId = request.RequestId,
        Status = FitResponseStatus.Ok,
        Result = request.Arguments.Count > 0 ? request.Arguments[0] : FitValue.Null,
    };

    public async Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var running = Interlocked.Increment(ref _running);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }

        try
        {
            return await run(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
