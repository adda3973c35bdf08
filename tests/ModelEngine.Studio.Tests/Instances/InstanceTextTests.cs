using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Instances;
using ModelEngine.Studio.Tests.Localization;

namespace ModelEngine.Studio.Tests.Instances;

public sealed class InstanceTextTests : StudioPageTestContext
{
    [Fact]
    public void JournalEvents_InChinese_AreTranslated()
    {
        using var culture = UiCulture.Use("zh-CN");
        IReadOnlyList<JournalEntry> entries =
        [
            InstanceTestData.Entry(1, "WorkflowStarted", null),
            InstanceTestData.Entry(2, "ActivityCompleted", "start"),
            InstanceTestData.Entry(3, "Acme.CustomEvent", null),
        ];

        var journal = Render<InstanceJournalTab>(p => p.Add(x => x.Entries, entries));

        var events = journal.FindAll("[data-testid=journal-event]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["流程已启动", "活动已完成", "Acme.CustomEvent"], events);
        Assert.Equal("WorkflowStarted", journal.FindAll("[data-testid=journal-row]")[0].GetAttribute("data-event"));
    }

    [Fact]
    public void VariableValue_ShowsPlusSignAsIs()
    {
        var values = new JsonObject { ["approvedAt"] = "2026-12-05T09:00:00+00:00", ["note"] = "<b>价格</b> & more" };

        var table = Render<InstanceValuesTable>(p => p.Add(x => x.Values, values).Add(x => x.Caption, "Variables"));

        var text = table.Find("[data-name=approvedAt] pre").TextContent;
        Assert.Contains("+00:00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", text, StringComparison.Ordinal);
        Assert.Contains("\"<b>价格</b> & more\"", table.Find("[data-name=note] pre").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-name=note] pre b"));
    }
}
