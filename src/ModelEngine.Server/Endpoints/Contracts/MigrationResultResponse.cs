namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The result for one instance of a bulk migration: <c>Migrated</c> with its new <see cref="Version"/>, or
/// <c>Rejected</c> with the HTTP <see cref="Status"/> the single call would return, the blocking
/// <see cref="ActivityId"/> when there is one, and the reason in <see cref="Detail"/>.
/// </summary>
public sealed record MigrationResultResponse(string InstanceId, string Outcome, int? Version = null, int? Status = null, string? ActivityId = null, string? Detail = null);
