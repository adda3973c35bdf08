namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A completed RunTask; its instance runs on in the background.</summary>
public sealed record CompleteRunTaskResponse(string Id, string WorkflowInstanceId, string Status);
