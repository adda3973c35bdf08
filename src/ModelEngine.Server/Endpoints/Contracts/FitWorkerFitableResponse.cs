namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A fitable a worker serves, by genericable id and fitable id.</summary>
public sealed record FitWorkerFitableResponse(string GenericableId, string FitableId);
