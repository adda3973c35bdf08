namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/knowledge-bases/{name}/search</c>.</summary>
/// <param name="Query">The question or keywords.</param>
/// <param name="TopK">The number of chunks returned, 1 to 100; 5 when absent.</param>
/// <param name="Mode"><c>Hybrid</c> (the default), <c>Keyword</c> or <c>Vector</c>.</param>
/// <param name="Rerank">Reranks the fused candidates when the server has a reranker.</param>
public sealed record SearchKnowledgeRequest(string? Query, int? TopK, string? Mode, bool? Rerank);
