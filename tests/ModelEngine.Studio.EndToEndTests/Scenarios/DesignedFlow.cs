namespace ModelEngine.Studio.EndToEndTests.Scenarios;

/// <summary>The ids the designer gave the purchase approval and its nodes, for the later steps' assertions.</summary>
public sealed record DesignedFlow(string DefinitionId, string UserTaskId, string ApprovedId, string RejectedId);
