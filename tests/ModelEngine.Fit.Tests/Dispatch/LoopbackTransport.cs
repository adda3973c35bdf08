using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>
/// A remote transport that keeps the wire but not the broker: each call is written to and read from FlatBuffers
/// envelopes on both sides, and the worker side runs a real <see cref="IFitRequestExecutor"/>.
/// </summary>
internal sealed class LoopbackTransport(IFitRequestExecutor executor) : IFitRemoteTransport
{
    /// <summary>Runs after the worker returned its response and before the caller reads it.</summary>
    public Action? BeforeReply { get; set; }

    public async Task<FitResponse> InvokeAsync(FitWorkerInfo worker, FitRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var received = FitEnvelope.ReadRequest(FitEnvelope.WriteRequest(request));
        var response = await executor.ExecuteAsync(received, cancellationToken);
        var reply = FitEnvelope.WriteResponse(response);
        BeforeReply?.Invoke();

        // A caller that gave up drops the reply unread, as a real request client does.
        cancellationToken.ThrowIfCancellationRequested();
        return FitEnvelope.ReadResponse(reply);
    }
}
