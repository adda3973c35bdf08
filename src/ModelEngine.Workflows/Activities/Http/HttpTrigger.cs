namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// A published definition's claim on HTTP requests: its starting HttpEndpoint receives <see cref="Method"/> requests
/// to <c>/workflows/{Path}</c>. <see cref="RouteKey"/> is <see cref="HttpRouteTemplate.Key"/>, and no two definitions
/// may hold a trigger with the same method and route key.
/// </summary>
public sealed record HttpTrigger(
    string DefinitionId,
    string VersionId,
    string ActivityId,
    string Method,
    string Path,
    string RouteKey,
    bool Authorize,
    string? Policy);
