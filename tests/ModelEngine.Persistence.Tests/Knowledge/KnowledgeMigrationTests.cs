using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Persistence.Tests.Sqlite;
using Npgsql;

namespace ModelEngine.Persistence.Tests.Knowledge;

/// <summary>
/// The KnowledgeChunks migration: the plain table on SQLite, and on PostgreSQL the extra full-text and embedding
/// columns with the GIN index.
/// </summary>
public sealed class KnowledgeMigrationTests : IAsyncLifetime
{
    private static readonly string[] PlainColumns =
        ["ChunkId", "ChunkIndex", "CreatedAt", "DocumentId", "KnowledgeBase", "MetadataJson", "Text", "Vector"];

    private readonly SqliteTestDatabase _sqlite = new();
    private readonly PostgresTestDatabase _postgres = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sqlite.DeleteAsync().WithTimeout();
        await _postgres.DeleteAsync().WithTimeout();
    }

    [Fact]
    public async Task Migrate_Sqlite_CreatesPlainTable()
    {
        await using (await _sqlite.CreateServiceProviderAsync().WithTimeout())
        {
        }

        await using var connection = new SqliteConnection(_sqlite.ConnectionString);
        var columns = await connection.QueryStringsAsync("SELECT name FROM pragma_table_info('KnowledgeChunks') ORDER BY name");
        var indexes = await connection.QueryStringsAsync("SELECT name FROM pragma_index_list('KnowledgeChunks') WHERE origin = 'c' ORDER BY name");

        Assert.Equal(PlainColumns, columns);
        Assert.Equal(["IX_KnowledgeChunks_KnowledgeBase_DocumentId"], indexes);
    }

    [PostgresFact]
    public async Task Migrate_PostgreSql_AddsFullTextAndEmbeddingColumns()
    {
        await using (await _postgres.CreateServiceProviderAsync().WithTimeout())
        {
        }

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        var columns = await connection.QueryStringsAsync(
            "SELECT column_name || ' ' || udt_name FROM information_schema.columns WHERE table_name = 'KnowledgeChunks' AND column_name IN ('SearchVector', 'Embedding') ORDER BY column_name");
        await connection.CloseAsync();
        var index = await connection.QueryStringsAsync(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'KnowledgeChunks' AND indexname = 'IX_KnowledgeChunks_SearchVector'");

        Assert.Equal(["Embedding _float4", "SearchVector tsvector"], columns);
        Assert.Contains("USING gin", Assert.Single(index), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Migrate_PostgreSql_SecondRunAppliesNothing()
    {
        await using (await _postgres.CreateServiceProviderAsync().WithTimeout())
        {
        }

        await using var again = await _postgres.CreateServiceProviderAsync().WithTimeout();
        await using var context = await again.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync().WithTimeout();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync().WithTimeout());
        Assert.Contains(await context.Database.GetAppliedMigrationsAsync().WithTimeout(), migration => migration.EndsWith("_KnowledgeChunks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostgreSqlProvider_OnSqlite_ThrowsWithFix()
    {
        await using var services = await _sqlite.CreateServiceProviderAsync().WithTimeout();
        var provider = new PostgreSqlKnowledgeBaseProvider(
            services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
            new HashingEmbeddingGenerator(),
            new PostgreSqlKnowledgeBaseOptions(),
            new FakeTimeProvider(),
            NullLogger<PostgreSqlKnowledgeBase>.Instance);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetAsync("kb").AsTask()).WithTimeout();

        Assert.Contains("Persistence:Provider", exception.Message, StringComparison.Ordinal);
    }
}
