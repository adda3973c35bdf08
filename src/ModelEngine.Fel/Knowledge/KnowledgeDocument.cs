namespace ModelEngine.Fel;

/// <summary>A document to split and index into a knowledge base.</summary>
/// <param name="Id">The caller's id. Indexing a document again replaces its chunks.</param>
/// <param name="Text">The document's text.</param>
/// <param name="Metadata">Optional string metadata (title, source, language), copied to every chunk.</param>
public sealed record KnowledgeDocument(string Id, string Text, IReadOnlyDictionary<string, string>? Metadata = null);
