namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The optional body of task operations without other input (claim, release, start, stop, suspend, resume, skip): an
/// administrator may name the user they act for.
/// </summary>
public sealed record TaskActionRequest(string? OnBehalfOf = null);
