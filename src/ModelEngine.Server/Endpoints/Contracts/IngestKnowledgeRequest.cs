namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/knowledge-bases/{name}/documents</c>.</summary>
/// <param name="Documents">The documents to split, embed and index. A document indexed before is replaced.</param>
/// <param name="ChunkTokens">The maximum tokens in a chunk; 200 when absent.</param>
/// <param name="OverlapTokens">The tokens a chunk repeats from the one before it; 20 when absent.</param>
public sealed record IngestKnowledgeRequest(IReadOnlyList<KnowledgeDocumentBody>? Documents, int? ChunkTokens, int? OverlapTokens);
