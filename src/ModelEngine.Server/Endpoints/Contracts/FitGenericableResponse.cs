namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// A genericable (an operator contract) and its known fitables. <see cref="Parameters"/> and <see cref="ResultType"/>
/// are <see langword="null"/> when no local fitable or declaration gave this server the contract, as for a genericable
/// only workers announce.
/// </summary>
public sealed record FitGenericableResponse(
    string Id,
    string? Version,
    IReadOnlyList<FitParameterResponse>? Parameters,
    string? ResultType,
    IReadOnlyList<FitFitableResponse> Fitables);
