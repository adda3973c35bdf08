namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One chunk found by a search, best first.</summary>
public sealed record KnowledgeSearchItem(
    string Id,
    string DocumentId,
    int Index,
    string Text,
    double Score,
    IReadOnlyDictionary<string, string>? Metadata);
