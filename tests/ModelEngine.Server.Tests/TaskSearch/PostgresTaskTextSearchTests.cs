using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.PostgreSql;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>The text filter and the title sort of the task search on PostgreSQL.</summary>
[Collection(HangfireCollection.Name)]
public sealed class PostgresTaskTextSearchTests : IClassFixture<PostgresServerFactory>
{
    private readonly PostgresServerFactory _database;

    public PostgresTaskTextSearchTests(PostgresServerFactory database)
    {
        _database = database;
    }

    [PostgresFact]
    public Task SearchText_OnPostgres_MatchesTitleAndDescription() => TextSearchScenario.MatchesTitleAndDescriptionAsync(_database.Server);

    [PostgresFact]
    public Task SearchText_OnPostgres_MatchesWildcardsLiterally() => TextSearchScenario.MatchesWildcardsLiterallyAsync(_database.Server);

    [PostgresFact]
    public Task SearchSort_OnPostgres_ByTitle_PagesBothDirections() => TextSearchScenario.SortsByTitleAsync(_database.Server);
}
