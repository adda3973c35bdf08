namespace ModelEngine.Fel;

/// <summary>A chunk found by a search, with its score. Higher scores rank first. Scores of different modes cannot be compared.</summary>
public sealed record RetrievedChunk(KnowledgeChunk Chunk, double Score);
