namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>What an ingestion did: documents read, chunks split and chunks indexed (durable and searchable).</summary>
public sealed record IngestKnowledgeResponse(string KnowledgeBase, int Documents, int Chunks, int Indexed);
