namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The chunks removed with a document.</summary>
public sealed record DeleteKnowledgeDocumentResponse(string KnowledgeBase, string DocumentId, int Deleted);
