using ModelEngine.Fit.Remote;

namespace ModelEngine.Worker;

/// <summary>
/// The executor a worker falls back to when FIT dispatch is not registered: it responds to every request with
/// FitableNotFound, so callers fail over at once instead of waiting for their timeout.
/// </summary>
internal sealed class UnservedRequestExecutor : IFitRequestExecutor
{
    public Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new FitResponse
        {
            RequestId = request.RequestId,
            Status = FitResponseStatus.FitableNotFound,
            ErrorType = "FitableNotFound",
            ErrorMessage = $"This worker runs no executor for {request.GenericableId}/{request.FitableId}: FIT dispatch is not registered.",
        });
}
