namespace ModelEngine.Fel.Workflows.Tests.Support;

/// <summary>
/// An ingestor that splits documents into chunks of <see cref="IngestionSettings.ChunkTokens"/> words and indexes them
/// into an <see cref="InMemoryKnowledgeBaseProvider"/>, reporting progress after every document.
/// </summary>
internal sealed class WordSplittingIngestor(InMemoryKnowledgeBaseProvider provider) : IKnowledgeIngestor
{
    public IngestionSettings? LastSettings { get; private set; }

    public async Task<IngestionProgress> IngestAsync(
        string knowledgeBase,
        IAsyncEnumerable<KnowledgeDocument> documents,
        IngestionSettings? settings = null,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        settings ??= new IngestionSettings();
        LastSettings = settings;
        var target = provider.Get(knowledgeBase);
        int read = 0, chunks = 0;
        await foreach (var document in documents.WithCancellation(cancellationToken))
        {
            await target.DeleteDocumentAsync(document.Id, cancellationToken);
            var words = document.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pieces = words.Chunk(settings.ChunkTokens)
                .Select((piece, index) => new KnowledgeChunk($"{document.Id}#{index}", document.Id, index, string.Join(' ', piece), document.Metadata))
                .ToList();
            await target.IndexAsync(pieces, cancellationToken);
            read++;
            chunks += pieces.Count;
            progress?.Report(new IngestionProgress(read, chunks, chunks));
        }

        return new IngestionProgress(read, chunks, chunks);
    }
}
