using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>
/// Stores the chunks of embedded knowledge bases in the KnowledgeChunks table of the main database, on any of the
/// three providers.
/// </summary>
internal sealed class EfKnowledgeChunkStore : IKnowledgeChunkStore
{
    /// <summary>
    /// The chunks written per SaveChanges call. Each slice first deletes the rows it replaces by id, and EF Core 10
    /// binds one parameter per id, so the slice stays below SQL Server's limit of 2,100 parameters per command.
    /// </summary>
    internal const int WriteSliceSize = 1000;

    /// <summary>The attempts of a batch that concurrent batches keep colliding with on a chunk id.</summary>
    private const int MaxWriteAttempts = 5;

    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EfKnowledgeChunkStore> _logger;

    public EfKnowledgeChunkStore(
        IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, TimeProvider timeProvider, ILogger<EfKnowledgeChunkStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task UpsertAsync(string knowledgeBase, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        KnowledgeLimits.ValidateKnowledgeBaseName(knowledgeBase, nameof(knowledgeBase));
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            ArgumentNullException.ThrowIfNull(chunk, nameof(chunks));
            KnowledgeChunkMapper.Validate(chunk.Chunk);
        }

        if (chunks.Count == 0)
        {
            return;
        }

        var unique = KnowledgeChunkMapper.LastPerId(chunks, chunk => chunk.Chunk.Id);
        var createdAt = _timeProvider.GetUtcNow();

        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(knowledgeBase, unique, createdAt, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (DbUpdateException exception) when (attempt < MaxWriteAttempts && ProviderErrors.IsUniqueViolation(exception))
            {
                // On PostgreSQL and SQL Server, a concurrent batch may insert an id between this batch's delete and
                // insert. The whole transaction rolled back, so running it again deletes that row too.
                KnowledgeLog.UpsertRetried(_logger, exception, knowledgeBase, attempt);
            }
        }

        KnowledgeLog.ChunksWritten(_logger, unique.Count, knowledgeBase);
    }

    public async Task<int> DeleteDocumentAsync(string knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        KnowledgeLimits.ValidateKnowledgeBaseName(knowledgeBase, nameof(knowledgeBase));
        ArgumentNullException.ThrowIfNull(documentId);

        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await context.KnowledgeChunks
            .Where(e => e.KnowledgeBase == knowledgeBase && e.DocumentId == documentId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        KnowledgeLog.DocumentDeleted(_logger, deleted, documentId, knowledgeBase);
        return deleted;
    }

    public async IAsyncEnumerable<StoredChunk> ReadAllAsync(string knowledgeBase, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        KnowledgeLimits.ValidateKnowledgeBaseName(knowledgeBase, nameof(knowledgeBase));

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.KnowledgeChunks.AsNoTracking()
            .Where(e => e.KnowledgeBase == knowledgeBase)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken)
            .ConfigureAwait(false);
        await foreach (var row in rows)
        {
            yield return KnowledgeChunkMapper.ToStoredChunk(row);
        }
    }

    public async Task<long> CountAsync(string knowledgeBase, CancellationToken cancellationToken = default)
    {
        KnowledgeLimits.ValidateKnowledgeBaseName(knowledgeBase, nameof(knowledgeBase));

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.KnowledgeChunks.LongCountAsync(e => e.KnowledgeBase == knowledgeBase, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(string knowledgeBase, List<StoredChunk> chunks, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        for (var start = 0; start < chunks.Count; start += WriteSliceSize)
        {
            var slice = chunks.GetRange(start, Math.Min(WriteSliceSize, chunks.Count - start));
            var ids = slice.ConvertAll(chunk => chunk.Chunk.Id);

            // Replacing is delete then insert, which every provider runs the same way and which keeps the batch
            // in one transaction without a provider-specific upsert statement.
            await context.KnowledgeChunks
                .Where(e => e.KnowledgeBase == knowledgeBase && ids.Contains(e.ChunkId))
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);

            context.KnowledgeChunks.AddRange(slice.ConvertAll(chunk => KnowledgeChunkMapper.ToEntity(knowledgeBase, chunk, createdAt)));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
