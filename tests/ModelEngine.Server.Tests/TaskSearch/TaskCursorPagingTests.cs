using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>Cursor paging over many tasks on a SQLite file while other clients claim and create tasks.</summary>
public sealed class TaskCursorPagingTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _server;

    public TaskCursorPagingTests(ServerFactory server)
    {
        _server = server;
    }

    [Fact]
    public Task CursorPaging_WhileClaimsAndCreates_ReturnsEachTaskOnce() =>
        CursorPagingScenario.RunAsync(_server, StressCounts.PagedTasks);
}
