using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>The text filter and the title sort of the task search on a SQLite file.</summary>
public sealed class TaskTextSearchTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _server;

    public TaskTextSearchTests(ServerFactory server)
    {
        _server = server;
    }

    [Fact]
    public Task SearchText_MatchesTitleAndDescription() => TextSearchScenario.MatchesTitleAndDescriptionAsync(_server);

    [Fact]
    public Task SearchText_MatchesWildcardsLiterally() => TextSearchScenario.MatchesWildcardsLiterallyAsync(_server);

    [Fact]
    public Task SearchText_TooLong_Returns400() => TextSearchScenario.RejectsTooLongTextAsync(_server);

    [Fact]
    public Task SearchSort_ByTitle_PagesBothDirections() => TextSearchScenario.SortsByTitleAsync(_server);
}
