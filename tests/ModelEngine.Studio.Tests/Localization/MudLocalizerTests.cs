using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Instances;
using ModelEngine.Studio.Tests.Instances;

namespace ModelEngine.Studio.Tests.Localization;

public sealed class MudLocalizerTests : StudioPageTestContext
{
    private static IReadOnlyList<JournalEntry> ThreeEntries() =>
    [
        InstanceTestData.Entry(1, "WorkflowStarted", null),
        InstanceTestData.Entry(2, "ActivityCompleted", "start"),
        InstanceTestData.Entry(3, "WorkflowFinished", null),
    ];

    [Fact]
    public void TablePager_InChinese_IsTranslated()
    {
        using var culture = UiCulture.Use("zh-CN");

        var journal = Render<InstanceJournalTab>(p => p.Add(x => x.Entries, ThreeEntries()));

        var pager = journal.Find(".mud-table-pagination").TextContent;
        Assert.Contains("第 1-3 条，共 3 条", pager, StringComparison.Ordinal);
        Assert.Contains("每页行数：", pager, StringComparison.Ordinal);
        Assert.DoesNotContain(" of ", pager, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", pager, StringComparison.Ordinal);
    }

    [Fact]
    public void TablePagerButtons_InChinese_HaveChineseLabels()
    {
        using var culture = UiCulture.Use("zh-CN");

        var journal = Render<InstanceJournalTab>(p => p.Add(x => x.Entries, ThreeEntries()));

        var labels = journal.FindAll(".mud-table-pagination button").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains("第一页", labels);
        Assert.Contains("下一页", labels);
        Assert.DoesNotContain("Next page", labels);
    }

    [Fact]
    public void TablePager_InEnglish_KeepsEnglish()
    {
        using var culture = UiCulture.Use("en");

        var journal = Render<InstanceJournalTab>(p => p.Add(x => x.Entries, ThreeEntries()));

        var pager = journal.Find(".mud-table-pagination").TextContent;
        Assert.Contains("1-3 of 3", pager, StringComparison.Ordinal);
        Assert.Contains("Rows per page:", pager, StringComparison.Ordinal);
    }
}
