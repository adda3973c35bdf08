namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of the bulk <c>migrate</c>: the instances to move, and the target version and map for all of them.</summary>
public sealed record BulkMigrateRequest(List<string>? InstanceIds, int? TargetVersion, Dictionary<string, string>? ActivityIdMap);
