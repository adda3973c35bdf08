using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Transport;

/// <summary>A request sent to a worker and waiting for its response, for a worker departure or for its deadline.</summary>
internal sealed class PendingCall(Guid requestId, string workerId)
{
    public Guid RequestId { get; } = requestId;

    public string WorkerId { get; } = workerId;

    /// <summary>Completes with the response, or faults when the worker or the connection is gone.</summary>
    public TaskCompletionSource<FitResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
