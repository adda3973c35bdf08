using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// The embedded knowledge base: chunks and vectors are kept durably in an <see cref="IKnowledgeChunkStore"/>, and a
/// BM25 <see cref="KeywordIndex"/> and an exact <see cref="VectorIndex"/> search them in process. The indexes are
/// rebuilt from the store when the knowledge base is first opened.
/// </summary>
/// <remarks>
/// Hybrid search fuses the keyword and vector rankings by reciprocal rank. When <see cref="RetrievalOptions.Rerank"/>
/// is set and a reranker was given, the reranker orders the fused candidates before the top k are taken. Writes are
/// serialised. Searches run in parallel with each other and with the embedding step of a write.
/// </remarks>
public sealed partial class EmbeddedKnowledgeBase : IKnowledgeBase, IDisposable
{
    private const int RebuildBatch = 1024;

    private readonly IKnowledgeChunkStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IReranker? _reranker;
    private readonly ILogger _logger;
    private readonly KeywordIndex _keywords;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, KnowledgeChunk> _chunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _chunkIdsByDocument = new(StringComparer.Ordinal);
    private VectorIndex? _vectors;
    private volatile bool _opened;

    /// <summary>Creates a knowledge base. Call <see cref="OpenAsync"/>, or any other method, to rebuild its indexes from the store.</summary>
    /// <param name="name">The knowledge base's name in the store.</param>
    /// <param name="store">The durable chunk store.</param>
    /// <param name="generator">Embeds chunks and queries. Every chunk of one knowledge base must be embedded by the same model.</param>
    /// <param name="reranker">Reorders fused candidates when a search sets <see cref="RetrievalOptions.Rerank"/>, or <see langword="null"/> for none.</param>
    /// <param name="stemming">Whether the keyword index stems English words.</param>
    /// <param name="hybridKeywordMinimumShouldMatch">The value of <see cref="HybridKeywordMinimumShouldMatch"/>.</param>
    /// <param name="logger">Receives open and rebuild events.</param>
    public EmbeddedKnowledgeBase(
        string name,
        IKnowledgeChunkStore store,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IReranker? reranker = null,
        bool stemming = true,
        double hybridKeywordMinimumShouldMatch = DefaultHybridKeywordMinimumShouldMatch,
        ILogger<EmbeddedKnowledgeBase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (hybridKeywordMinimumShouldMatch is < 0 or > 1 || double.IsNaN(hybridKeywordMinimumShouldMatch))
        {
            throw new ArgumentOutOfRangeException(
                nameof(hybridKeywordMinimumShouldMatch), hybridKeywordMinimumShouldMatch, "The share of query terms must be from 0 to 1; 0.3 is the default.");
        }

        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(generator);
        Name = name;
        _store = store;
        _generator = generator;
        _reranker = reranker;
        _logger = logger ?? NullLogger<EmbeddedKnowledgeBase>.Instance;
        _keywords = new KeywordIndex(stemming);
        HybridKeywordMinimumShouldMatch = hybridKeywordMinimumShouldMatch;
    }

    /// <summary>The default of <see cref="HybridKeywordMinimumShouldMatch"/>.</summary>
    public const double DefaultHybridKeywordMinimumShouldMatch = 0.3;

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// The share of a query's distinct terms that a chunk must contain to enter the keyword ranking of a hybrid
    /// search. <see cref="RetrievalMode.Keyword"/> searches match any term. Reciprocal rank fusion weighs rank 1 of
    /// both rankings alike, so a chunk that shares one common word with the query would otherwise push out a strong
    /// semantic match. The default is 0.3, and 0 fuses plain BM25.
    /// </summary>
    public double HybridKeywordMinimumShouldMatch { get; }

    /// <summary>Rebuilds the in-process indexes from the store, once. Later calls return at once.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_opened)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_opened)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var batch = new List<StoredChunk>(RebuildBatch);
            await foreach (var stored in _store.ReadAllAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                batch.Add(stored);
                if (batch.Count == RebuildBatch)
                {
                    AddToIndexes(batch);
                    batch.Clear();
                }
            }

            AddToIndexes(batch);
            _opened = true;
            LogOpened(_logger, Name, _chunks.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task IndexAsync(IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default) =>
        ReplaceDocumentsAsync([], chunks, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The chunks are embedded and checked first, so a failed embedding or a vector of the wrong length keeps the old chunks.</remarks>
    public async Task ReplaceDocumentsAsync(IReadOnlyCollection<string> documentIds, IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(chunks);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (chunks.Count == 0)
        {
            foreach (var documentId in documentIds)
            {
                await DeleteDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // The last chunk of an id wins, as if the chunks had been indexed one call at a time.
        var unique = new Dictionary<string, KnowledgeChunk>(StringComparer.Ordinal);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i] ?? throw new ArgumentException($"Chunk {i} is null.", nameof(chunks));
            if (string.IsNullOrEmpty(chunk.Id) || string.IsNullOrEmpty(chunk.DocumentId))
            {
                throw new ArgumentException($"Chunk {i} has an empty Id or DocumentId. Give every chunk both, as the splitter does.", nameof(chunks));
            }

            unique[chunk.Id] = chunk;
        }

        var list = unique.Values.ToList();
        var embeddings = await _generator.GenerateAsync(list.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != list.Count)
        {
            throw new InvalidOperationException(
                $"The embedding generator returned {embeddings.Count} vectors for {list.Count} chunks. Check the embedding model's adapter.");
        }

        var stored = list.Select((chunk, i) => new StoredChunk(chunk, VectorMath.NormalizedCopy(embeddings[i].Vector.Span))).ToList();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Checked before the store write, so that a vector the index rejects never reaches the store and breaks the next open.
            var dimensions = _vectors?.Dimensions ?? stored[0].Vector.Length;
            var mismatch = stored.Find(s => s.Vector.Length != dimensions);
            if (mismatch is not null)
            {
                throw new KnowledgeEmbeddingMismatchException(Name, dimensions, mismatch.Vector.Length,
                    $"Chunk '{mismatch.Chunk.Id}' was embedded with {mismatch.Vector.Length} dimensions, but knowledge base '{Name}' holds {dimensions}. " +
                    "Embed every chunk of a knowledge base with the same model, or ingest it again into a new knowledge base.");
            }

            foreach (var documentId in documentIds)
            {
                await DeleteDocumentLockedAsync(documentId, cancellationToken).ConfigureAwait(false);
            }

            await _store.UpsertAsync(Name, stored, cancellationToken).ConfigureAwait(false);
            AddToIndexes(stored);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= new RetrievalOptions();
        ValidateOptions(options);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(query) || _chunks.IsEmpty)
        {
            return [];
        }

        var candidates = Math.Max(options.Candidates, options.TopK);
        IReadOnlyList<RetrievedChunk> ranked = options.Mode switch
        {
            RetrievalMode.Keyword => SearchKeywords(query, candidates, 0),
            RetrievalMode.Vector => await SearchVectorsAsync(query, candidates, cancellationToken).ConfigureAwait(false),
            _ => await SearchHybridAsync(query, candidates, options.RrfK, cancellationToken).ConfigureAwait(false),
        };

        if (options.Rerank && _reranker is not null && ranked.Count > 0)
        {
            ranked = await _reranker.RerankAsync(query, ranked.Take(candidates).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var minScore = options.MinScore;
        return ranked
            .Where(c => minScore is null || c.Score >= minScore.Value)
            .Take(options.TopK)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeleteDocumentLockedAsync(documentId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Deletes a document's chunks from the store and the indexes. The caller holds the write lock.</summary>
    private async Task<int> DeleteDocumentLockedAsync(string documentId, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteDocumentAsync(Name, documentId, cancellationToken).ConfigureAwait(false);
        if (_chunkIdsByDocument.Remove(documentId, out var ids))
        {
            _keywords.RemoveDocument(documentId);
            foreach (var id in ids)
            {
                _vectors?.Remove(id);
                _chunks.TryRemove(id, out _);
            }
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return _chunks.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _keywords.Dispose();
        _vectors?.Dispose();
        _writeLock.Dispose();
    }

    private static void ValidateOptions(RetrievalOptions options)
    {
        if (options.TopK < 1)
        {
            throw new ArgumentException($"RetrievalOptions.TopK is {options.TopK}. Ask for at least 1 chunk.", nameof(options));
        }

        if (options.Candidates < 1)
        {
            throw new ArgumentException($"RetrievalOptions.Candidates is {options.Candidates}. Use at least 1.", nameof(options));
        }

        if (options.RrfK < 0)
        {
            throw new ArgumentException($"RetrievalOptions.RrfK is {options.RrfK}. Use 0 or more; 60 is the usual value.", nameof(options));
        }
    }

    // Called with the write lock held (or before the knowledge base is shared, while opening).
    private void AddToIndexes(IReadOnlyList<StoredChunk> stored)
    {
        if (stored.Count == 0)
        {
            return;
        }

        _vectors ??= new VectorIndex(stored[0].Vector.Length, Math.Max(RebuildBatch, stored.Count));
        foreach (var item in stored)
        {
            _vectors.Upsert(item.Chunk.Id, item.Vector.Span);
        }

        foreach (var item in stored)
        {
            var chunk = item.Chunk;
            if (_chunks.TryGetValue(chunk.Id, out var previous) && previous.DocumentId != chunk.DocumentId
                && _chunkIdsByDocument.TryGetValue(previous.DocumentId, out var previousIds))
            {
                previousIds.Remove(chunk.Id);
            }

            _chunks[chunk.Id] = chunk;
            if (!_chunkIdsByDocument.TryGetValue(chunk.DocumentId, out var ids))
            {
                _chunkIdsByDocument[chunk.DocumentId] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(chunk.Id);
        }

        _keywords.Upsert(stored.Select(s => s.Chunk));
    }

    // The keyword search runs on another thread while the query is embedded and the vectors are scanned.
    private async Task<IReadOnlyList<RetrievedChunk>> SearchHybridAsync(string query, int candidates, int rrfK, CancellationToken cancellationToken)
    {
        var keywordSearch = Task.Run(() => SearchKeywords(query, candidates, HybridKeywordMinimumShouldMatch), cancellationToken);
        var vectorRanking = await SearchVectorsAsync(query, candidates, cancellationToken).ConfigureAwait(false);
        var keywordRanking = await keywordSearch.ConfigureAwait(false);
        return ReciprocalRankFusion.Fuse([keywordRanking, vectorRanking], rrfK);
    }

    private List<RetrievedChunk> SearchKeywords(string query, int candidates, double minimumShouldMatch) =>
        ToRetrieved(_keywords.Search(query, candidates, minimumShouldMatch));

    private async Task<List<RetrievedChunk>> SearchVectorsAsync(string query, int candidates, CancellationToken cancellationToken)
    {
        var vectors = _vectors;
        if (vectors is null)
        {
            return [];
        }

        var embeddings = await _generator.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
        var length = embeddings[0].Vector.Length;
        if (length != vectors.Dimensions)
        {
            throw new KnowledgeEmbeddingMismatchException(Name, vectors.Dimensions, length,
                $"The query was embedded with {length} dimensions, but knowledge base '{Name}' holds vectors of {vectors.Dimensions}, " +
                "so its chunks were embedded with another model. Set Fel:Knowledge:EmbeddingModel back to that model, or delete the documents and index them again.");
        }

        return ToRetrieved(vectors.Search(embeddings[0].Vector.Span, candidates));
    }

    // A chunk deleted between the index search and this lookup is skipped.
    private List<RetrievedChunk> ToRetrieved(IReadOnlyList<(string Id, float Score)> hits)
    {
        var result = new List<RetrievedChunk>(hits.Count);
        foreach (var (id, score) in hits)
        {
            if (_chunks.TryGetValue(id, out var chunk))
            {
                result.Add(new RetrievedChunk(chunk, score));
            }
        }

        return result;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Opened knowledge base {KnowledgeBase}: rebuilt indexes over {Chunks} chunks in {ElapsedMilliseconds} ms")]
    private static partial void LogOpened(ILogger logger, string knowledgeBase, int chunks, double elapsedMilliseconds);
}
