using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class InstanceCursorPagingTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public InstanceCursorPagingTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Cursor_NewInstancesArrive_EachOldSeenOnce()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "cursor-paging"));
        var old = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            old.Add(await ExecuteAsync(dave));
        }

        var seen = new List<string>();
        var arrived = new List<string>();
        var path = "/api/workflow-instances?definitionId=cursor-paging&pageSize=2";
        for (var pageNumber = 0; pageNumber < 10; pageNumber++)
        {
            var page = await dave.GetObjectAsync(path);
            seen.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            if (page["nextCursor"]?.GetValue<string>() is not { } cursor)
            {
                break;
            }

            // A new instance is the newest, so with offset paging it would push an old one onto the next page again.
            arrived.Add(await ExecuteAsync(dave));
            path = $"/api/workflow-instances?definitionId=cursor-paging&pageSize=2&cursor={Uri.EscapeDataString(cursor)}";
        }

        old.Reverse();
        Assert.Equal(old, seen);
        Assert.NotEmpty(arrived);
        Assert.DoesNotContain(seen, arrived.Contains);
    }

    [Fact]
    public async Task List_FullPage_ReturnsNextCursor()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "cursor-first-page"));
        await ExecuteAsync(dave, "cursor-first-page");
        await ExecuteAsync(dave, "cursor-first-page");

        var full = await dave.GetObjectAsync("/api/workflow-instances?definitionId=cursor-first-page&pageSize=2");
        var partial = await dave.GetObjectAsync("/api/workflow-instances?definitionId=cursor-first-page&pageSize=3");

        Assert.NotNull(full["nextCursor"]);
        Assert.Null(partial["nextCursor"]);
        Assert.Equal(2, partial["totalCount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("MTIz")]
    [InlineData("")]
    public async Task List_InvalidCursor_Returns400(string cursor)
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var problem = await dave.GetObjectAsync($"/api/workflow-instances?cursor={Uri.EscapeDataString(cursor)}", HttpStatusCode.BadRequest);

        Assert.Equal("cursor", problem["parameter"]?.GetValue<string>());
        Assert.Equal(cursor, problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task List_CursorWithPage_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "cursor-with-page"));
        await ExecuteAsync(dave, "cursor-with-page");
        var first = await dave.GetObjectAsync("/api/workflow-instances?definitionId=cursor-with-page&pageSize=1");
        var cursor = first["nextCursor"]!.GetValue<string>();

        var problem = await dave.GetObjectAsync($"/api/workflow-instances?page=2&cursor={Uri.EscapeDataString(cursor)}", HttpStatusCode.BadRequest);

        Assert.Equal("page", problem["parameter"]?.GetValue<string>());
    }

    private static async Task<string> ExecuteAsync(HttpClient client, string definitionId = "cursor-paging")
    {
        var instance = await client.PostObjectAsync($"/api/workflow-definitions/{definitionId}/execute", new { input = new { amount = 5, item = "Pen" } });
        return instance["id"]!.GetValue<string>();
    }
}
