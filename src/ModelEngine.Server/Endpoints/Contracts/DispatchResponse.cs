namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The id of the Pending instance that a dispatch committed.</summary>
public sealed record DispatchResponse(string WorkflowInstanceId);
