using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;
using ModelEngine.Persistence.Tests.Contracts;

namespace ModelEngine.Persistence.Tests.Knowledge;

/// <summary>
/// The contract of <see cref="EfKnowledgeChunkStore"/>: round trip, replacement by id, deletion by document, counts,
/// knowledge bases kept apart by name, and large batches.
/// </summary>
public abstract class KnowledgeChunkStoreContractTests : WorkflowStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private EfKnowledgeChunkStore? _store;

    /// <summary>The store under test, on the subclass's database, with the clock fixed at <see cref="Now"/>.</summary>
    private EfKnowledgeChunkStore Store => _store ??= new EfKnowledgeChunkStore(
        Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
        Services.GetRequiredService<WriteLock>(),
        new FakeTimeProvider(Now),
        NullLogger<EfKnowledgeChunkStore>.Instance);

    [ContractFact]
    public async Task Upsert_NewChunks_RoundTrip()
    {
        var metadata = new Dictionary<string, string> { ["title"] = "Refunds", ["lang"] = "en" };
        var first = Chunk("doc-1", 0, "Refunds are paid within 14 days.", [0.6f, 0.8f, 0f], metadata);
        var second = Chunk("doc-1", 1, "Ünïcödé text, \"quotes\" and 'apostrophes'.", [float.Epsilon, -1f, 0.5f]);

        await Store.UpsertAsync("kb", [first, second]).WithTimeout();
        var read = await ReadAllAsync("kb");

        Assert.Equal(2, read.Count);
        AssertSame(first, read["doc-1#0"]);
        AssertSame(second, read["doc-1#1"]);
        Assert.Null(read["doc-1#1"].Chunk.Metadata);
        Assert.Equal(2, await Store.CountAsync("kb").WithTimeout());
        await using var context = await Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync().WithTimeout();
        Assert.Equal([Now, Now], await context.KnowledgeChunks.Select(e => e.CreatedAt).ToListAsync().WithTimeout());
    }

    [ContractFact]
    public async Task Upsert_ExistingId_ReplacesChunk()
    {
        await Store.UpsertAsync("kb", [Chunk("doc-1", 0, "old text", [1f, 0f]), Chunk("doc-1", 1, "kept", [0f, 1f])]).WithTimeout();

        var replacement = Chunk("doc-1", 0, "new text", [0f, 1f], new Dictionary<string, string> { ["v"] = "2" });
        await Store.UpsertAsync("kb", [replacement]).WithTimeout();
        var read = await ReadAllAsync("kb");

        Assert.Equal(2, read.Count);
        AssertSame(replacement, read["doc-1#0"]);
        Assert.Equal("kept", read["doc-1#1"].Chunk.Text);
    }

    [ContractFact]
    public async Task Upsert_SameIdTwiceInBatch_KeepsLast()
    {
        var last = Chunk("doc-1", 0, "second", [0f, 1f]);

        await Store.UpsertAsync("kb", [Chunk("doc-1", 0, "first", [1f, 0f]), last]).WithTimeout();
        var read = await ReadAllAsync("kb");

        var only = Assert.Single(read.Values);
        AssertSame(last, only);
    }

    [ContractFact]
    public async Task DeleteDocument_RemovesOnlyItsChunks()
    {
        await Store.UpsertAsync("kb", [Chunk("doc-1", 0, "a", [1f]), Chunk("doc-1", 1, "b", [1f]), Chunk("doc-2", 0, "c", [1f])]).WithTimeout();
        await Store.UpsertAsync("other", [Chunk("doc-1", 0, "a", [1f])]).WithTimeout();

        var deleted = await Store.DeleteDocumentAsync("kb", "doc-1").WithTimeout();
        var deletedAgain = await Store.DeleteDocumentAsync("kb", "doc-1").WithTimeout();

        Assert.Equal(2, deleted);
        Assert.Equal(0, deletedAgain);
        Assert.Equal(["doc-2#0"], (await ReadAllAsync("kb")).Keys);
        Assert.Equal(1, await Store.CountAsync("other").WithTimeout());
    }

    [ContractFact]
    public async Task KnowledgeBases_SameChunkIds_StayApart()
    {
        await Store.UpsertAsync("kb-a", [Chunk("doc-1", 0, "text of a", [1f, 0f])]).WithTimeout();
        await Store.UpsertAsync("kb-b", [Chunk("doc-1", 0, "text of b", [0f, 1f]), Chunk("doc-1", 1, "more of b", [0f, 1f])]).WithTimeout();

        Assert.Equal(1, await Store.CountAsync("kb-a").WithTimeout());
        Assert.Equal(2, await Store.CountAsync("kb-b").WithTimeout());
        Assert.Equal(0, await Store.CountAsync("kb-never-used").WithTimeout());
        Assert.Equal("text of a", (await ReadAllAsync("kb-a"))["doc-1#0"].Chunk.Text);
        Assert.Equal("text of b", (await ReadAllAsync("kb-b"))["doc-1#0"].Chunk.Text);
    }

    [ContractFact]
    public async Task Upsert_LargeBatch_StoresEveryChunk()
    {
        var count = StressCounts.KnowledgeBatchChunks;
        var chunks = Enumerable.Range(0, count)
            .Select(i => Chunk($"doc-{i / 10}", i % 10, $"chunk number {i}", [i, 1f, 2f, 3f]))
            .ToList();

        await Store.UpsertAsync("kb", chunks).WaitAsync(TimeSpan.FromMinutes(2));
        await Store.UpsertAsync("kb", chunks.Take(count / 2).ToList()).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(count, await Store.CountAsync("kb").WithTimeout());
        var read = await ReadAllAsync("kb");
        Assert.Equal(count, read.Count);
        Assert.Equal(count - 1, read[$"doc-{(count - 1) / 10}#{(count - 1) % 10}"].Vector.Span[0]);
    }

    [ContractFact]
    public async Task Upsert_ConcurrentSameIds_AllSucceed()
    {
        var chunks = Enumerable.Range(0, 500).Select(i => Chunk($"doc-{i / 10}", i % 10, $"chunk {i}", [1f, 0f])).ToList();

        for (var round = 0; round < StressCounts.RaceRepeats; round++)
        {
            var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Store.UpsertAsync("kb", chunks)));
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(chunks.Count, await Store.CountAsync("kb").WithTimeout());
    }

    [ContractFact]
    public async Task Names_WithSqlSyntax_AreRejectedOrStoredVerbatim()
    {
        var hostile = Chunk("doc'); DELETE FROM \"KnowledgeChunks\"; --", 0, "'; DROP TABLE \"KnowledgeChunks\"; --", [1f]);
        await Store.UpsertAsync("kb", [hostile]).WithTimeout();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Store.CountAsync("kb'; DROP TABLE \"KnowledgeChunks\"; --")).WithTimeout();

        Assert.Contains("knowledge base name", exception.Message, StringComparison.Ordinal);
        AssertSame(hostile, Assert.Single((await ReadAllAsync("kb")).Values));
    }

    [ContractFact]
    public async Task Upsert_TooLongId_ThrowsAndWritesNothing()
    {
        var valid = Chunk("doc-1", 0, "fine", [1f]);
        var invalid = Chunk(new string('d', 300), 0, "too long", [1f]);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync("kb", [valid, invalid])).WithTimeout();

        Assert.Contains("256", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountAsync("kb").WithTimeout());
    }

    [ContractFact]
    public async Task Upsert_Registered_ResolvesEfStore()
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>())
            .AddSingleton(Services.GetRequiredService<WriteLock>())
            .AddModelEngineKnowledgeStore();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IKnowledgeChunkStore>();

        await store.UpsertAsync("kb", [Chunk("doc-1", 0, "registered", [1f])]).WithTimeout();

        Assert.IsType<EfKnowledgeChunkStore>(store);
        Assert.Equal(1, await Store.CountAsync("kb").WithTimeout());
    }

    private static StoredChunk Chunk(string documentId, int index, string text, float[] vector, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(new KnowledgeChunk($"{documentId}#{index}", documentId, index, text, metadata), vector);

    private static void AssertSame(StoredChunk expected, StoredChunk actual)
    {
        Assert.Equal(expected.Chunk.Id, actual.Chunk.Id);
        Assert.Equal(expected.Chunk.DocumentId, actual.Chunk.DocumentId);
        Assert.Equal(expected.Chunk.Index, actual.Chunk.Index);
        Assert.Equal(expected.Chunk.Text, actual.Chunk.Text);
        Assert.Equal(expected.Chunk.Metadata?.OrderBy(pair => pair.Key), actual.Chunk.Metadata?.OrderBy(pair => pair.Key));
        Assert.Equal(expected.Vector.ToArray(), actual.Vector.ToArray());
    }

    private Task<Dictionary<string, StoredChunk>> ReadAllAsync(string knowledgeBase) => CollectAsync(knowledgeBase).WithTimeout();

    private async Task<Dictionary<string, StoredChunk>> CollectAsync(string knowledgeBase)
    {
        var chunks = new Dictionary<string, StoredChunk>(StringComparer.Ordinal);
        await foreach (var chunk in Store.ReadAllAsync(knowledgeBase))
        {
            chunks.Add(chunk.Chunk.Id, chunk);
        }

        return chunks;
    }
}
