namespace ModelEngine.Fel;

/// <summary>One indexed piece of a document.</summary>
/// <param name="Id">The chunk id, <c>{documentId}#{index}</c> unless the splitter chooses otherwise.</param>
/// <param name="DocumentId">The document the chunk came from.</param>
/// <param name="Index">The chunk's position in its document, from 0.</param>
/// <param name="Text">The chunk's text.</param>
/// <param name="Metadata">The document's metadata.</param>
public sealed record KnowledgeChunk(string Id, string DocumentId, int Index, string Text, IReadOnlyDictionary<string, string>? Metadata = null);
