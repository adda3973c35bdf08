namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The operator catalog: one item per known genericable with its fitables, and every live worker. Items are sorted by
/// genericable id and workers by worker id.
/// </summary>
public sealed record FitCatalogResponse(IReadOnlyList<FitGenericableResponse> Items, long TotalCount, IReadOnlyList<FitWorkerResponse> Workers);
