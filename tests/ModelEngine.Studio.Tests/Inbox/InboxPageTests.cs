using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Features.Inbox;

namespace ModelEngine.Studio.Tests.Inbox;

public sealed class InboxPageTests : InboxTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void AllView_IsHiddenForAManager()
    {
        ScriptSearch();

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=inbox-view-mine]")), Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=inbox-view-groups]"));
        Assert.Empty(page.FindAll("[data-testid=inbox-view-all]"));
    }

    [Fact]
    public void AllView_IsShownForAnAdmin()
    {
        SignIn("admin", "admins");
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=inbox-view-all]")), Wait);

        page.Find("[data-testid=inbox-view-all]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
        var filter = Sent("POST", "api/tasks/search")[1].Body!["filter"]!.AsObject();
        Assert.False(filter.ContainsKey("assignee"));
        Assert.False(filter.ContainsKey("candidateOfMe"));
    }

    [Fact]
    public void MyTasks_RequestsOnePage()
    {
        ScriptSearch(TaskJson("t1", "Reserved", "bob"));

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-row]")), Wait);
        var search = Assert.Single(Sent("POST", "api/tasks/search")).Body!;
        Assert.Equal("bob", search["filter"]!["assignee"]!.GetValue<string>());
        Assert.Equal(InboxPage.PageSize, search["pageSize"]!.GetValue<int>());
        Assert.Equal(0, search["offset"]!.GetValue<int>());
        Assert.Equal("createdAt", search["sort"]!["field"]!.GetValue<string>());
        Assert.Equal("t1", page.Find("[data-testid=task-row]").GetAttribute("data-task-id"));
        Assert.Equal("inbox/t1", page.Find("[data-testid=task-title]").GetAttribute("href"));
    }

    [Fact]
    public void DefinitionColumn_ShowsName()
    {
        ScriptSearch(TaskJson("t1"), TaskJson("t2", changes: new JsonObject { ["definitionId"] = "unlisted" }));
        Api.On("GET", "api/workflow-definitions", new
        {
            items = new[] { new { id = "v1", definitionId = "purchase-approval", version = 1, name = "Purchase approval", isLatest = true, isPublished = true } },
            totalCount = 1,
        });

        var page = Render<InboxPage>();

        page.WaitForAssertion(
            () => Assert.Equal(["Purchase approval", "unlisted"], page.FindAll("[data-testid=task-definition]").Select(c => c.TextContent.Trim())),
            Wait);
    }

    [Fact]
    public void NoTasks_IsSaidOnce()
    {
        ScriptSearch();

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Contains("No tasks.", page.Find("[data-testid=inbox-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(1, CountOf(page.Markup, "No tasks."));
    }

    [Fact]
    public void RowClick_OpensTheTask()
    {
        ScriptSearch(TaskJson("t7"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-row]")), Wait);

        page.Find("[data-testid=task-row] td:nth-child(4)").Click();

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.EndsWith("/inbox/t7", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void MyGroups_AsksForUnclaimedCandidateTasks()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        page.Find("[data-testid=inbox-view-groups]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
        var filter = Sent("POST", "api/tasks/search")[1].Body!["filter"]!;
        Assert.True(filter["candidateOfMe"]!.GetValue<bool>());
        Assert.Equal("Ready", Assert.Single(filter["status"]!.AsArray())!.GetValue<string>());
        Assert.Equal("true", page.Find("[data-testid=inbox-view-groups]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void SortByPriority_TogglesDirection()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        page.Find("[data-testid=inbox-sort-priority]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("th[aria-sort=ascending] [data-testid=inbox-sort-priority]")), Wait);
        page.Find("[data-testid=inbox-sort-priority]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, Sent("POST", "api/tasks/search").Count), Wait);
        var requests = Sent("POST", "api/tasks/search");
        Assert.Equal("priority", requests[1].Body!["sort"]!["field"]!.GetValue<string>());
        Assert.Equal("asc", requests[1].Body!["sort"]!["direction"]!.GetValue<string>());
        Assert.Equal("desc", requests[2].Body!["sort"]!["direction"]!.GetValue<string>());
    }

    [Fact]
    public void OverdueOnly_SendsDueBeforeNow()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        page.Find(".mud-switch input").Change(true);

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
        var dueBefore = Sent("POST", "api/tasks/search")[1].Body!["filter"]!["dueBefore"]!.GetValue<string>();
        Assert.Equal(Time.GetUtcNow(), DateTimeOffset.Parse(dueBefore, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Search_SendsTextFilterAfterTypingPauses()
    {
        ScriptSearch(TaskJson("t1"), TaskJson("t2"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        page.Find("[data-testid=inbox-search]").Input("50%");
        page.Find("[data-testid=inbox-search]").Input(" 50%_off ");
        Assert.Single(Sent("POST", "api/tasks/search"));
        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
        var body = Sent("POST", "api/tasks/search")[1].Body!;
        Assert.Equal("50%_off", body["filter"]!["text"]!.GetValue<string>());
        Assert.Equal(0, body["offset"]!.GetValue<int>());
        Assert.Null(Sent("POST", "api/tasks/search")[0].Body!["filter"]!["text"]);
        Assert.Contains(page.FindAll("label"), label => label.TextContent.Trim() == "Search tasks");
    }

    [Fact]
    public void SortByTitle_SendsTitleSortField()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        page.Find("[data-testid=inbox-sort-title]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("th[aria-sort=ascending] [data-testid=inbox-sort-title]")), Wait);
        page.Find("[data-testid=inbox-sort-title]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, Sent("POST", "api/tasks/search").Count), Wait);
        var requests = Sent("POST", "api/tasks/search");
        Assert.Equal("title", requests[1].Body!["sort"]!["field"]!.GetValue<string>());
        Assert.Equal("asc", requests[1].Body!["sort"]!["direction"]!.GetValue<string>());
        Assert.Equal("title", requests[2].Body!["sort"]!["field"]!.GetValue<string>());
        Assert.Equal("desc", requests[2].Body!["sort"]!["direction"]!.GetValue<string>());
    }

    [Fact]
    public void LiveUpdate_RefreshesTheRow()
    {
        ScriptSearch(TaskJson("t1"), TaskJson("t2"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=task-row]").Count), Wait);
        var claimed = System.Text.Json.JsonSerializer.Deserialize<HumanTask>(TaskJson("t1", "Reserved", "alice", revision: 2).ToJsonString(), ModelEngine.Studio.Api.StudioJson.Options)!;

        Live.Raise(new TaskChange("e1", "Claimed", "t1", "Reserved", "alice", "alice", Time.GetUtcNow(), claimed));

        page.WaitForAssertion(() => Assert.Contains("Reserved", RowStatus(page, "t1"), StringComparison.Ordinal), Wait);
        Assert.Contains("Ready", RowStatus(page, "t2"), StringComparison.Ordinal);
        Assert.Contains("alice", page.Find("[data-testid=task-live-notice]").TextContent, StringComparison.Ordinal);
        Assert.Single(Sent("POST", "api/tasks/search"));
        Assert.Equal(1, Live.StartCount);
    }

    [Fact]
    public void LiveUpdate_ForAnotherPage_ReloadsAfterAPause()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        Live.Raise(new TaskChange("e1", "Created", "t9", "Ready", null, "system", Time.GetUtcNow(), null));
        Live.Raise(new TaskChange("e2", "Created", "t10", "Ready", null, "system", Time.GetUtcNow(), null));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-live-notice]")), Wait);
        Assert.Single(Sent("POST", "api/tasks/search"));
        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
    }

    [Fact]
    public void Reconnect_ReloadsTheInbox()
    {
        ScriptSearch(TaskJson("t1"));
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/search")), Wait);

        Live.RaiseReconnected();

        page.WaitForAssertion(() => Assert.Equal(2, Sent("POST", "api/tasks/search").Count), Wait);
    }

    private static string RowStatus(IRenderedComponent<InboxPage> page, string taskId) =>
        page.Find($"[data-testid=task-row][data-task-id={taskId}] [data-testid=task-status]").TextContent;

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
