using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Waterflow;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// Ingests documents as a Waterflow flow: split by tokens → batches of <see cref="IngestionSettings.EmbeddingBatchSize"/>
/// chunks → embed and index. The embed-and-index step is an asynchronous node behind a credit edge of
/// <see cref="CreditWindow"/> batches, so a slow embedding model stops the splitting, and then the reading of
/// documents, instead of letting split chunks pile up.
/// </summary>
/// <remarks>
/// A document ingested again replaces its chunks: they are deleted when its first new chunks are indexed, so a
/// document that now splits into fewer chunks leaves none of its old ones behind. The embedded and PostgreSQL knowledge
/// bases embed the new chunks before they delete the old ones, so a failed embedding keeps the old chunks. A document whose
/// text is blank deletes its old chunks and adds none.
/// </remarks>
public sealed partial class KnowledgeIngestor : IKnowledgeIngestor
{
    /// <summary>The credit window of the flow's edges. A batch being embedded counts against it.</summary>
    public const int CreditWindow = 2;

    private readonly IKnowledgeBaseProvider _provider;
    private readonly TokenTextSplitter _splitter;
    private readonly ILogger _logger;

    /// <summary>Creates an ingestor.</summary>
    /// <param name="provider">Opens the target knowledge base.</param>
    /// <param name="splitter">Splits documents, or <see langword="null"/> for <see cref="TokenTextSplitter.Default"/>.</param>
    /// <param name="logger">Receives start, finish and failure events.</param>
    public KnowledgeIngestor(IKnowledgeBaseProvider provider, TokenTextSplitter? splitter = null, ILogger<KnowledgeIngestor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _splitter = splitter ?? TokenTextSplitter.Default;
        _logger = logger ?? NullLogger<KnowledgeIngestor>.Instance;
    }

    /// <inheritdoc />
    public async Task<IngestionProgress> IngestAsync(
        string knowledgeBase,
        IAsyncEnumerable<KnowledgeDocument> documents,
        IngestionSettings? settings = null,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        settings ??= new IngestionSettings();
        ValidateSettings(settings);
        var target = await _provider.GetAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var run = new IngestionRun(target, settings, progress);
        LogStarted(_logger, knowledgeBase, settings.ChunkTokens, settings.OverlapTokens, settings.EmbeddingBatchSize);

        Flow<KnowledgeDocument, int>? flow = null;
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        flow = Flows.Create<KnowledgeDocument>(new FlowOptions { CreditWindow = CreditWindow, Name = $"fel-ingest-{knowledgeBase}" })
            .FlatMap(document => run.Split(_splitter, document))
            .Window(settings.EmbeddingBatchSize)
            .Buffer()
            .Map((batch, ct) => run.IndexBatchAsync(batch, ct))
            .Close(onError: (exception, _) =>
            {
                failed.TrySetResult(exception);
                flow?.Cancel();
            });

        using var cancelFlow = cancellationToken.Register(() => flow.Cancel());
        var session = new FlowSession(preserved: true);
        try
        {
            await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                ValidateDocument(document);
                await flow.OfferAsync(document, session, cancellationToken).ConfigureAwait(false);
            }

            session.Complete();
            await Task.WhenAny(session.Completion, failed.Task).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !failed.Task.IsCompleted)
        {
            flow.Cancel();
            LogCancelled(_logger, knowledgeBase, run.Snapshot().Documents);
            throw;
        }
        catch (Exception exception) when (!failed.Task.IsCompleted)
        {
            flow.Cancel();
            LogFailed(_logger, exception, knowledgeBase, run.Snapshot().Documents);
            throw;
        }
        catch (OperationCanceledException)
        {
            // The flow was cancelled because a node failed. That failure is reported below.
        }
        finally
        {
            flow.Finish();
        }

        if (failed.Task.IsCompleted)
        {
            var exception = await failed.Task.ConfigureAwait(false);
            LogFailed(_logger, exception, knowledgeBase, run.Snapshot().Documents);
            throw new InvalidOperationException(
                $"Ingestion into knowledge base '{knowledgeBase}' failed after {run.Snapshot().Indexed} chunks: {exception.Message}", exception);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await session.Completion.ConfigureAwait(false);
        var result = run.Snapshot();
        LogFinished(_logger, knowledgeBase, result.Documents, result.Chunks, result.Indexed);
        return result;
    }

    private static void ValidateSettings(IngestionSettings settings)
    {
        if (settings.ChunkTokens < 1)
        {
            throw new ArgumentException($"IngestionSettings.ChunkTokens is {settings.ChunkTokens}. Use at least 1; 200 is the default.", nameof(settings));
        }

        if (settings.OverlapTokens < 0 || settings.OverlapTokens >= settings.ChunkTokens)
        {
            throw new ArgumentException(
                $"IngestionSettings.OverlapTokens is {settings.OverlapTokens}. Use 0 to ChunkTokens - 1 ({settings.ChunkTokens - 1}).", nameof(settings));
        }

        if (settings.EmbeddingBatchSize < 1)
        {
            throw new ArgumentException($"IngestionSettings.EmbeddingBatchSize is {settings.EmbeddingBatchSize}. Use at least 1; 32 is the default.", nameof(settings));
        }
    }

    private static void ValidateDocument(KnowledgeDocument? document)
    {
        if (document is null)
        {
            throw new ArgumentException("A document in the sequence is null.", "documents");
        }

        if (string.IsNullOrEmpty(document.Id))
        {
            throw new ArgumentException("A document has an empty Id. Give every document a stable id, so that ingesting it again replaces it.", "documents");
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Ingestion into {KnowledgeBase} started: {ChunkTokens} tokens per chunk, {OverlapTokens} overlap, {BatchSize} chunks per embedding batch")]
    private static partial void LogStarted(ILogger logger, string knowledgeBase, int chunkTokens, int overlapTokens, int batchSize);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Ingestion into {KnowledgeBase} finished: {Documents} documents, {Chunks} chunks, {Indexed} indexed")]
    private static partial void LogFinished(ILogger logger, string knowledgeBase, int documents, int chunks, int indexed);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Ingestion into {KnowledgeBase} was cancelled after {Documents} documents")]
    private static partial void LogCancelled(ILogger logger, string knowledgeBase, int documents);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Ingestion into {KnowledgeBase} failed after {Documents} documents")]
    private static partial void LogFailed(ILogger logger, Exception exception, string knowledgeBase, int documents);
}
