namespace ModelEngine.Fel.Knowledge;

/// <summary>The state of one ingestion: its target, its counters and the work of the flow's nodes.</summary>
internal sealed class IngestionRun(IKnowledgeBase target, IngestionSettings settings, IProgress<IngestionProgress>? progress)
{
    private readonly Lock _reportLock = new();
    private int _documents;
    private int _chunks;
    private int _indexed;

    /// <summary>Returns the counters now.</summary>
    public IngestionProgress Snapshot() =>
        new(Volatile.Read(ref _documents), Volatile.Read(ref _chunks), Volatile.Read(ref _indexed));

    /// <summary>Splits a document. A document with no chunks becomes one item without a chunk, so that its old chunks are deleted.</summary>
    public IEnumerable<IngestionItem> Split(TokenTextSplitter splitter, KnowledgeDocument document)
    {
        var chunks = splitter.Split(document, settings);
        Interlocked.Increment(ref _documents);
        Interlocked.Add(ref _chunks, chunks.Count);
        Report();
        return chunks.Count == 0
            ? [new IngestionItem(document.Id, null)]
            : chunks.Select(chunk => new IngestionItem(document.Id, chunk)).ToList();
    }

    /// <summary>Deletes the old chunks of the documents that start in the batch, then embeds and indexes the batch's chunks.</summary>
    public async ValueTask<int> IndexBatchAsync(IReadOnlyList<IngestionItem> batch, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        var pending = new List<KnowledgeChunk>(batch.Count);
        foreach (var item in batch)
        {
            if (item.StartsDocument)
            {
                // The same document twice in one batch: index what came before, so the second copy replaces it.
                if (pending.Exists(c => c.DocumentId == item.DocumentId))
                {
                    await FlushAsync(started, pending, cancellationToken).ConfigureAwait(false);
                }

                started.Add(item.DocumentId);
            }

            if (item.Chunk is not null)
            {
                pending.Add(item.Chunk);
            }
        }

        await FlushAsync(started, pending, cancellationToken).ConfigureAwait(false);
        return batch.Count;
    }

    private async Task FlushAsync(List<string> started, List<KnowledgeChunk> pending, CancellationToken cancellationToken)
    {
        // The knowledge base embeds before it deletes, so a failed embedding keeps the documents' old chunks.
        await target.ReplaceDocumentsAsync(started.ToList(), pending.ToList(), cancellationToken).ConfigureAwait(false);

        if (pending.Count > 0)
        {
            Interlocked.Add(ref _indexed, pending.Count);
            Report();
        }

        started.Clear();
        pending.Clear();
    }

    private void Report()
    {
        if (progress is null)
        {
            return;
        }

        // One report at a time, so the counters a reporter receives never decrease.
        lock (_reportLock)
        {
            progress.Report(Snapshot());
        }
    }
}
