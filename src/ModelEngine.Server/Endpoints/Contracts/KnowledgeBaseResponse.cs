namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A knowledge base and the number of chunks it holds.</summary>
public sealed record KnowledgeBaseResponse(string Name, long Chunks);
