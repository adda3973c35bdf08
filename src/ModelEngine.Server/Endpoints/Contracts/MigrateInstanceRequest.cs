namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The body of <c>migrate</c>: the target version (the published version when it is missing) and a map of activity ids
/// of the instance's version to ids of the target version. Ids the map does not list map to themselves.
/// </summary>
public sealed record MigrateInstanceRequest(int? TargetVersion, Dictionary<string, string>? ActivityIdMap);
