namespace ModelEngine.Fit.Remote;

/// <summary>Runs a call that arrived from another process against a fitable loaded here.</summary>
public interface IFitRequestExecutor
{
    /// <summary>Decodes the arguments for the fitable's parameter types, calls it, and encodes the result.</summary>
    Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken);
}
