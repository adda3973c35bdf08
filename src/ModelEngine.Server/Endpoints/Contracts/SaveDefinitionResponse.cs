using ModelEngine.Workflows.Validation;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The version that a save, publish or import wrote, and every problem found in it.</summary>
public sealed record SaveDefinitionResponse(
    string DefinitionId,
    string Id,
    int Version,
    bool IsPublished,
    bool IsLatest,
    string? Name,
    IReadOnlyList<ValidationError> Warnings);
