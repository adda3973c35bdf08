using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Persistence.Tests.Sqlite;

public sealed class SqliteMigrationTests : IAsyncLifetime
{
    private static readonly string[] Tables =
    [
        "ApiKeys", "AuditRecords", "Bookmarks", "ConsumedMessages", "HttpTriggers", "HumanTaskAttachments", "HumanTaskCandidates",
        "HumanTaskComments", "HumanTaskHistory", "HumanTaskVariables", "HumanTasks", "IdempotencyKeys", "JournalEntries", "KnowledgeChunks",
        "NotificationDeliveries", "OutboxMessages", "RefreshTokens", "SavedTaskFilters", "SubstituteRules", "Timers", "WorkflowDefinitions",
        "WorkflowInstanceLeases", "WorkflowInstanceStates", "WorkflowInstances",
    ];

    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync().WithTimeout();

    [Fact]
    public async Task Migrate_FreshFile_CreatesDirectoryAndTables()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(_database.FilePath)));

        await using (await _database.CreateServiceProviderAsync().WithTimeout())
        {
        }

        Assert.True(File.Exists(_database.FilePath));
        var tables = await QueryStringsAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name");
        Assert.Equal(Tables, tables);
    }

    [Fact]
    public async Task Migrate_FreshFile_AppliesEveryMigration()
    {
        await using var services = await _database.CreateServiceProviderAsync().WithTimeout();
        var factory = services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>();
        await using var context = await factory.CreateDbContextAsync().WithTimeout();

        var pending = await context.Database.GetPendingMigrationsAsync().WithTimeout();
        var applied = await context.Database.GetAppliedMigrationsAsync().WithTimeout();

        Assert.Empty(pending);
        Assert.Contains(applied, migration => migration.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_SecondRun_KeepsData()
    {
        await using (var services = await _database.CreateServiceProviderAsync().WithTimeout())
        {
            await services.GetRequiredService<Workflows.Persistence.IWorkflowCommitter>()
                .CommitAsync(Contracts.TestData.NewInstance("i1")).WithTimeout();
        }

        await using var again = await _database.CreateServiceProviderAsync().WithTimeout();
        var summary = await again.GetRequiredService<Workflows.Persistence.IWorkflowInstanceStore>().FindSummaryAsync("i1").WithTimeout();

        Assert.NotNull(summary);
    }

    [Fact]
    public async Task Connection_Opened_UsesWalAndBusyTimeout()
    {
        await using var services = await _database.CreateServiceProviderAsync().WithTimeout();
        var factory = services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>();
        await using var context = await factory.CreateDbContextAsync().WithTimeout();
        await context.Database.OpenConnectionAsync().WithTimeout();
        var connection = context.Database.GetDbConnection();

        var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode");
        var busyTimeout = await ScalarAsync(connection, "PRAGMA busy_timeout");

        Assert.Equal("wal", journalMode);
        Assert.Equal("5000", busyTimeout);
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync().WithTimeout();
        return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        return await connection.QueryStringsAsync(sql);
    }
}
