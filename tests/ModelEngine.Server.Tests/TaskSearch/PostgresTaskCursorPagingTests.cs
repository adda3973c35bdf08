using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.PostgreSql;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>Cursor paging over many tasks on PostgreSQL while other clients claim and create tasks.</summary>
[Collection(HangfireCollection.Name)]
public sealed class PostgresTaskCursorPagingTests : IClassFixture<PostgresServerFactory>
{
    private readonly PostgresServerFactory _database;

    public PostgresTaskCursorPagingTests(PostgresServerFactory database)
    {
        _database = database;
    }

    [PostgresFact]
    public Task CursorPaging_OnPostgres_ReturnsEachTaskOnce() =>
        CursorPagingScenario.RunAsync(_database.Server, StressCounts.PagedTasks);
}
