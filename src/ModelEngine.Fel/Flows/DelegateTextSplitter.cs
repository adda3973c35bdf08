namespace ModelEngine.Fel;

/// <summary>An <see cref="ITextSplitter"/> that calls a function.</summary>
internal sealed class DelegateTextSplitter : ITextSplitter
{
    private readonly Func<KnowledgeDocument, IEnumerable<KnowledgeChunk>> _split;

    public DelegateTextSplitter(Func<KnowledgeDocument, IEnumerable<KnowledgeChunk>> split)
    {
        _split = split;
    }

    public IEnumerable<KnowledgeChunk> Split(KnowledgeDocument document) => _split(document);
}
