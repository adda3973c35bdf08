namespace ModelEngine.Fit.Client;

/// <summary>
/// Calls operators. Each call picks a fitable by the routing rules and runs it in this process when it is loaded
/// here, or on a worker over the bus otherwise.
/// </summary>
public interface IFitClient
{
    /// <summary>Returns a typed proxy for an interface whose methods are genericables.</summary>
    T Get<T>(FitCallOptions? options = null)
        where T : class;

    /// <summary>Calls a genericable by id with positional arguments, and returns its result.</summary>
    /// <param name="genericableId">The genericable id.</param>
    /// <param name="arguments">Arguments in parameter order. Large strings and bytes may be <see cref="SharedMemory.FitPayload"/>s.</param>
    /// <param name="options">Per-call routing, retry and timeout settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<object?> InvokeAsync(
        string genericableId,
        IReadOnlyList<object?> arguments,
        FitCallOptions? options = null,
        CancellationToken cancellationToken = default);
}
