namespace ModelEngine.Fel;

/// <summary>A chunk found by a search, with its score. Higher scores rank first; scores of different modes do not compare.</summary>
public sealed record RetrievedChunk(KnowledgeChunk Chunk, double Score);
