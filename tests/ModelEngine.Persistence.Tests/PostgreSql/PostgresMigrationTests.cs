using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;
using Npgsql;

namespace ModelEngine.Persistence.Tests.PostgreSql;

public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private static readonly string[] Tables =
    [
        "ApiKeys", "AuditRecords", "Bookmarks", "ConsumedMessages", "HttpTriggers", "HumanTaskAttachments", "HumanTaskCandidates",
        "HumanTaskComments", "HumanTaskHistory", "HumanTaskVariables", "HumanTasks", "IdempotencyKeys", "JournalEntries", "KnowledgeChunks",
        "NotificationDeliveries", "OutboxMessages", "RefreshTokens", "SavedTaskFilters", "SubstituteRules", "Timers", "WorkflowDefinitions",
        "WorkflowInstanceLeases", "WorkflowInstanceStates", "WorkflowInstances",
    ];

    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync();

    [PostgresFact]
    public async Task Migrate_MissingDatabase_CreatesItAndTables()
    {
        await using (await _database.CreateServiceProviderAsync().WithTimeout())
        {
        }

        var tables = await QueryStringsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%' ORDER BY table_name COLLATE \"C\"");
        Assert.Equal(Tables, tables);
    }

    [PostgresFact]
    public async Task Migrate_TimeColumns_AreTimestampWithTimeZone()
    {
        await using (await _database.CreateServiceProviderAsync().WithTimeout())
        {
        }

        var types = await QueryStringsAsync(
            "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('CreatedAt', 'UpdatedAt', 'DueAt', 'ClaimedUntil', 'FinishedAt', 'Timestamp')");
        Assert.Equal(["timestamp with time zone"], types);
    }

    [PostgresFact]
    public async Task Migrate_SecondRun_AppliesNothingAndKeepsData()
    {
        await using (var services = await _database.CreateServiceProviderAsync().WithTimeout())
        {
            await services.GetRequiredService<Workflows.Persistence.IWorkflowCommitter>()
                .CommitAsync(Contracts.TestData.NewInstance("i1")).WithTimeout();
        }

        await using var again = await _database.CreateServiceProviderAsync().WithTimeout();
        var factory = again.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>();
        await using var context = await factory.CreateDbContextAsync().WithTimeout();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync().WithTimeout());
        Assert.Contains(await context.Database.GetAppliedMigrationsAsync().WithTimeout(), migration => migration.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.NotNull(await again.GetRequiredService<Workflows.Persistence.IWorkflowInstanceStore>().FindSummaryAsync("i1").WithTimeout());
    }

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.QueryStringsAsync(sql);
    }
}
