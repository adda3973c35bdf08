using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Inbox;
using ModelEngine.Studio.Tests.Localization;

namespace ModelEngine.Studio.Tests.Inbox;

public sealed class TaskHistoryTests : InboxTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private void ScriptHistory(params JsonObject[] entries) =>
        Api.On("GET", "api/tasks/t1/history", new JsonObject { ["items"] = new JsonArray(entries), ["totalCount"] = entries.Length });

    private static JsonObject Entry(string id, string action, string actor, string? before, string after, JsonObject? details = null) => new()
    {
        ["id"] = id,
        ["action"] = action,
        ["actor"] = actor,
        ["at"] = "2026-12-05T08:40:00Z",
        ["statusBefore"] = before,
        ["statusAfter"] = after,
        ["details"] = details,
    };

    [Fact]
    public void History_InChinese_TranslatesActionsAndStatuses()
    {
        using var culture = UiCulture.Use("zh-CN");
        ScriptHistory(
            Entry("h1", "create", "system", null, "Created"),
            Entry("h2", "claim", "bob", "Ready", "Reserved"),
            Entry("h3", "complete", "bob", "InProgress", "Completed"));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=history-row]").Count), Wait);
        var cells = history.FindAll("[data-testid=history-row]").Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal("创建", cells[0][1]);
        Assert.Equal("系统", cells[0][2]);
        Assert.Equal("已创建", cells[0][3]);
        Assert.Equal("认领", cells[1][1]);
        Assert.Equal("待认领 → 已认领", cells[1][3]);
        Assert.Equal("完成", cells[2][1]);
        Assert.Equal("处理中 → 已完成", cells[2][3]);
    }

    [Fact]
    public void HistoryAction_Unknown_ShowsServerName()
    {
        ScriptHistory(Entry("h1", "archive", "admin", "Completed", "Completed"));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-row]")), Wait);
        Assert.Equal("archive", history.Find("[data-testid=history-row] td:nth-child(2)").TextContent.Trim());
    }

    [Fact]
    public void HistoryDetails_ShowNameValuePairs()
    {
        ScriptHistory(
            Entry("h1", "complete", "bob", "InProgress", "Completed", new JsonObject { ["outcome"] = "Approve", ["comment"] = "Within budget", ["data"] = null }),
            Entry("h2", "claim", "bob", "Ready", "Reserved", new JsonObject { ["previousAssignee"] = "carol", ["force"] = true }),
            Entry("h3", "reassign", "admin", "Ready", "Ready", new JsonObject { ["candidateUsers"] = new JsonArray("bob", "carol"), ["candidateGroups"] = new JsonArray() }));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=history-row]").Count), Wait);
        var details = history.FindAll("[data-testid=history-detail]").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(["Outcome: Approve", "Comment: Within budget", "Previous assignee: carol", "Taken over: Yes", "Candidate users: bob, carol"], details);
        Assert.DoesNotContain("{", history.Find("[data-testid=task-history]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryDetails_InChinese_TranslateNamesAndValues()
    {
        using var culture = UiCulture.Use("zh-CN");
        ScriptHistory(Entry("h1", "escalate", "system", "Ready", "Ready", new JsonObject { ["deadline"] = "startDeadline", ["action"] = "Notify", ["target"] = "managers" }));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-row]")), Wait);
        var details = history.FindAll("[data-testid=history-detail]").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(["期限：开始期限", "操作：通知", "目标：managers"], details);
    }

    [Fact]
    public void HistoryOutcome_InChinese_ReadsAsTheButton()
    {
        using var culture = UiCulture.Use("zh-CN");
        ScriptHistory(Entry("h1", "complete", "bob", "InProgress", "Completed", new JsonObject { ["outcome"] = "Approve" }));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-detail]")), Wait);
        Assert.Equal("结果：批准", history.Find("[data-testid=history-detail]").TextContent.Trim());
    }

    [Fact]
    public void HistoryDetails_FormatTimes()
    {
        ScriptHistory(Entry("h1", "overdue", "system", "Ready", "Ready", new JsonObject { ["dueAt"] = "2026-12-05T09:00:00+00:00" }));

        var history = Render<TaskHistory>(p => p.Add(x => x.TaskId, "t1"));

        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-detail]")), Wait);
        Assert.Equal("Due: 2026-12-05 09:00 UTC", history.Find("[data-testid=history-detail]").TextContent.Trim());
    }
}
