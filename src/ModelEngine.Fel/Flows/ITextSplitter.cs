namespace ModelEngine.Fel;

/// <summary>Splits a document into chunks for indexing, for example by tokens with overlap.</summary>
public interface ITextSplitter
{
    /// <summary>Returns the document's chunks in order.</summary>
    IEnumerable<KnowledgeChunk> Split(KnowledgeDocument document);
}
