using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>
/// The text filter and the title sort of <c>POST /api/tasks/search</c>, run against one server so that the same checks
/// cover each database. Each check writes its own tasks under a new definition id and filters on it.
/// </summary>
internal static class TextSearchScenario
{
    private static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Checks that the text matches the title or the description, ignoring case, after trimming.</summary>
    public static async Task MatchesTitleAndDescriptionAsync(ServerFactory server)
    {
        var definitionId = await SeedAsync(server,
            ("t-title", "Approve LAPTOP order", null),
            ("t-description", "Approve order", "Needs a new laptop for the team"),
            ("t-other", "Approve chair", "An office chair"));
        var admin = await server.CreateClientForAsync("admin");

        var page = await admin.PostObjectAsync("/api/tasks/search", new { filter = new { definitionId, text = "  Laptop " } });

        Assert.Equal(["t-description", "t-title"], Ids(page).Order(StringComparer.Ordinal));
        Assert.Equal(2, page["totalCount"]?.GetValue<long>());
    }

    /// <summary>Checks that <c>%</c> and <c>_</c> in the text match only themselves.</summary>
    public static async Task MatchesWildcardsLiterallyAsync(ServerFactory server)
    {
        var definitionId = await SeedAsync(server,
            ("w-literal", "50% off_deal", null),
            ("w-near", "500 off deal", "offXdeal"));
        var admin = await server.CreateClientForAsync("admin");

        var percent = await admin.PostObjectAsync("/api/tasks/search", new { filter = new { definitionId, text = "50%" } });
        var underscore = await admin.PostObjectAsync("/api/tasks/search", new { filter = new { definitionId, text = "f_d" } });

        Assert.Equal(["w-literal"], Ids(percent));
        Assert.Equal(["w-literal"], Ids(underscore));
    }

    /// <summary>Checks the title order both ways, one task per page, so that every step goes through a title cursor.</summary>
    public static async Task SortsByTitleAsync(ServerFactory server)
    {
        var definitionId = await SeedAsync(server,
            ("s-b", "banana", null),
            ("s-a2", "apple", null),
            ("s-a1", "Apple", null),
            ("s-z", "Zeta | final", null),
            ("s-c", "Cherry", null));
        var admin = await server.CreateClientForAsync("admin");

        var ascending = await PageAllAsync(admin, definitionId, "asc");
        var descending = await PageAllAsync(admin, definitionId, "desc");

        Assert.Equal(["s-a1", "s-a2", "s-b", "s-c", "s-z"], ascending);
        Assert.Equal(["s-z", "s-c", "s-b", "s-a2", "s-a1"], descending);
    }

    /// <summary>Checks that a text of more than 200 characters after trimming returns 400 naming filter.text.</summary>
    public static async Task RejectsTooLongTextAsync(ServerFactory server)
    {
        var admin = await server.CreateClientForAsync("admin");
        var text = new string('x', 201);

        var problem = await (await admin.PostRawAsync("/api/tasks/search", new JsonObject { ["filter"] = new JsonObject { ["text"] = text } }.ToJsonString()))
            .ReadObjectAsync(HttpStatusCode.BadRequest);
        var padded = await admin.PostObjectAsync("/api/tasks/search", new { filter = new { text = "  " + new string('x', 200) + "  " } });

        Assert.Equal("$.filter.text", problem["parameter"]?.GetValue<string>());
        Assert.Equal(text, problem["value"]?.GetValue<string>());
        Assert.Contains("200", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, padded["totalCount"]?.GetValue<long>());
    }

    private static async Task<List<string>> PageAllAsync(HttpClient admin, string definitionId, string direction)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.PostObjectAsync("/api/tasks/search", new
            {
                filter = new { definitionId },
                sort = new { field = "title", direction },
                pageSize = 1,
                cursor,
            });
            ids.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
            Assert.True(ids.Count <= 10, $"Title paging did not end after {ids.Count} pages: {string.Join(", ", ids)}.");
        }
        while (cursor is not null);

        return ids;
    }

    /// <summary>The ids of a page without the suffix that <see cref="SeedAsync"/> appends.</summary>
    private static List<string> Ids(JsonObject page) =>
        page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).Select(id => id[..id.LastIndexOf('-')]).ToList();

    /// <summary>Commits one instance with the given tasks and returns its new definition id.</summary>
    private static async Task<string> SeedAsync(ServerFactory server, params (string Id, string Title, string? Description)[] tasks)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var definitionId = "text-search-" + suffix;
        var instanceId = "text-search-instance-" + suffix;
        var committer = server.Services.GetRequiredService<IWorkflowCommitter>();
        var commit = new WorkflowCommit
        {
            Summary = new WorkflowInstanceSummary
            {
                Id = instanceId,
                DefinitionId = definitionId,
                DefinitionVersionId = definitionId + ":v1",
                Version = 1,
                SubStatus = WorkflowSubStatus.Suspended,
                Name = instanceId,
                CreatedAt = BaseTime,
                UpdatedAt = BaseTime,
                Revision = 1,
            },
            StateJson = """{"step":0}""",
            Changes = tasks.Select(task => (object)new HumanTaskCreated(NewTask(task.Id + "-" + suffix, task.Title, task.Description, instanceId, definitionId))).ToList(),
        };
        await committer.CommitAsync(commit).WaitAsync(Timeouts.Request);
        return definitionId;
    }

    private static HumanTask NewTask(string id, string title, string? description, string instanceId, string definitionId) => new()
    {
        Id = id,
        WorkflowInstanceId = instanceId,
        DefinitionId = definitionId,
        ActivityId = "review",
        ActivityInstanceId = "ai-" + id,
        BookmarkId = "bm-" + id,
        Title = title,
        Description = description,
        Status = HumanTaskStatus.Ready,
        CandidateGroups = ["finance"],
        Outcomes = ["Approve", "Reject"],
        CreatedAt = BaseTime,
        UpdatedAt = BaseTime,
        Revision = 1,
    };
}
