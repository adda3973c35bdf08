namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A live worker as its last heartbeat described it, with the fitables it serves.</summary>
public sealed record FitWorkerResponse(
    string WorkerId,
    string NodeId,
    string Language,
    string Queue,
    string? TransferEndpoint,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<FitWorkerFitableResponse> Fitables);
