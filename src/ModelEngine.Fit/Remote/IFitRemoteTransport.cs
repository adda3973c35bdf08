using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Remote;

/// <summary>Sends a call to a worker and waits for its response. The bus implementation lives outside the core.</summary>
public interface IFitRemoteTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="worker"/>. Throws <see cref="Client.FitException"/> with
    /// <see cref="Client.FitErrorCode.Unavailable"/> when the bus cannot deliver it, and honours cancellation.
    /// The caller disposes the returned response's lease when it has read the result.
    /// </summary>
    Task<FitResponse> InvokeAsync(FitWorkerInfo worker, FitRequest request, CancellationToken cancellationToken);
}
