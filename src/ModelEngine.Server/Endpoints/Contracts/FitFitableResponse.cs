namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// One fitable (an implementation of a genericable). <see cref="IsLocal"/> is whether it is loaded in this server, with
/// <see cref="Owner"/> naming who loaded it (<c>code</c> or a plugin id). <see cref="WorkerIds"/> lists the live workers
/// that serve it.
/// </summary>
public sealed record FitFitableResponse(
    string Id,
    string GenericableVersion,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Tags,
    bool IsDefault,
    string? DegradesTo,
    bool IsLocal,
    string? Owner,
    IReadOnlyList<string> WorkerIds);
