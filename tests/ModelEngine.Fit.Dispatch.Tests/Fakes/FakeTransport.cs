using System.Collections.Concurrent;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Dispatch.Tests.Fakes;

/// <summary>A remote transport for tests: a handler per call, and a record of which worker got each request.</summary>
public sealed class FakeTransport(Func<FitWorkerInfo, FitRequest, CancellationToken, Task<FitResponse>> handler) : IFitRemoteTransport
{
    public ConcurrentQueue<(string WorkerId, FitRequest Request)> Calls { get; } = new();

    public IReadOnlyList<string> Workers => Calls.Select(c => c.WorkerId).ToArray();

    public Task<FitResponse> InvokeAsync(FitWorkerInfo worker, FitRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue((worker.WorkerId, request));
        return handler(worker, request, cancellationToken);
    }

    /// <summary>A transport that runs every request on the executor of the worker it goes to.</summary>
    public static FakeTransport To(Func<FitWorkerInfo, IFitRequestExecutor> executors) =>
        new((worker, request, token) => executors(worker).ExecuteAsync(request, token));

    public static FitResponse Ok(FitRequest request, FitValue result, string? workerId = null) =>
        new() { RequestId = request.RequestId, Status = FitResponseStatus.Ok, Result = result, WorkerId = workerId };
}
