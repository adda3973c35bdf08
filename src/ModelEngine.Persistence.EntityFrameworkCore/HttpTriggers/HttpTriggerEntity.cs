namespace ModelEngine.Persistence.EntityFrameworkCore.HttpTriggers;

/// <summary>
/// A row of the HttpTriggers table: one method of the starting HttpEndpoint of a published definition. The unique
/// index on (Method, RouteKey) lets only one definition claim a route.
/// </summary>
internal sealed class HttpTriggerEntity
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string VersionId { get; set; }

    public required string ActivityId { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    public required string RouteKey { get; set; }

    public bool Authorize { get; set; }

    public string? Policy { get; set; }
}
