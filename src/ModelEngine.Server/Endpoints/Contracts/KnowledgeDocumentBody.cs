namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A document to index: its id, its text and optional string metadata copied to every chunk.</summary>
public sealed record KnowledgeDocumentBody(string? Id, string? Text, Dictionary<string, string>? Metadata);
