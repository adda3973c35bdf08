using ModelEngine.Studio.Features.Dashboard;
using ModelEngine.Studio.Tests.Instances;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Dashboard;

public sealed class DashboardPageTests : StudioPageTestContext
{
    public DashboardPageTests()
    {
        Api.On("GET", "api/dashboard", new
        {
            instancesByStatus = new[]
            {
                new { status = "Running", subStatus = "Suspended", count = 3 },
                new { status = "Finished", subStatus = "Finished", count = 7 },
                new { status = "Finished", subStatus = "Faulted", count = 2 },
            },
            throughput = new[]
            {
                new { date = "2026-12-04", started = 4, finished = 3, faulted = 1 },
                new { date = "2026-12-05", started = 5, finished = 6, faulted = 0 },
            },
            overdueTasks = new
            {
                count = 12,
                items = new[] { new { id = "task-9", title = "Approve the purchase of Laptop", status = "Ready", dueAt = "2026-12-04T12:00:00Z" } },
            },
            faultingActivities = new[] { new { definitionId = "purchase-approval", activityId = "checkAmount", activityType = "Elsa.FlowDecision", count = 5 } },
        });
    }

    [Fact]
    public void Dashboard_ShowsStatusCounts()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("12", page.Find("[data-testid=status-total]").TextContent.Trim()), Timeout);
        var suspended = page.Find("[data-testid=dashboard-status] [data-sub-status=Suspended]");
        Assert.Contains("3", suspended.TextContent);
        Assert.Equal("instances?status=Running&subStatus=Suspended", suspended.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(3, page.FindAll("[data-testid=status-count]").Count);
    }

    [Fact]
    public void Dashboard_ShowsThroughputTotals()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(
            () => Assert.Equal("9 started, 9 finished, 1 faulted in this period", page.Find("[data-testid=throughput-totals]").TextContent.Trim()),
            Timeout);
        Assert.Contains(Api.Requests, r => r.Path == "api/dashboard?days=14");
    }

    [Fact]
    public void Dashboard_SaysWhatFaultCountsMean()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(
            () => Assert.Contains("at least once that day", page.Find("[data-testid=throughput-caption]").TextContent, StringComparison.Ordinal),
            Timeout);
        Assert.Contains("including incidents that a retry resolved", page.Find("[data-testid=faulting-caption]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultingCard_NamesTypeByDescriptor()
    {
        Api.On("GET", "api/descriptors/activities", new { items = InstanceTestData.Descriptors(), totalCount = InstanceTestData.Descriptors().Count });

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("Decision", page.Find("[data-testid=faulting-activity-type]").TextContent.Trim()), Timeout);
        Assert.Equal("Elsa.FlowDecision", page.Find("[data-testid=faulting-activity-type]").GetAttribute("title"));
    }

    [Fact]
    public void FaultingCard_WithoutDescriptors_ShowsTypeName()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("Elsa.FlowDecision", page.Find("[data-testid=faulting-activity-type]").TextContent.Trim()), Timeout);
    }

    [Fact]
    public void Dashboard_ListsOverdueTasksAndFaultingActivities()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("12 overdue", page.Find("[data-testid=overdue-count]").TextContent), Timeout);
        var task = page.Find("[data-testid=dashboard-overdue] [data-testid=overdue-task] a");
        Assert.Equal("inbox/task-9", task.GetAttribute("href"));
        Assert.Contains("Approve the purchase of Laptop", task.TextContent);
        var faulting = page.Find("[data-testid=dashboard-faulting] [data-testid=faulting-activity]");
        Assert.Contains("5", faulting.TextContent);
        Assert.Equal("instances?definitionId=purchase-approval", faulting.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Period_Change_ReloadsWithTheDays()
    {
        Render<MudPopoverProvider>();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=status-total]"), Timeout);

        var select = page.FindComponent<MudSelect<int>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(30)).WaitAsync(Timeout);

        page.WaitForAssertion(() => Assert.Contains(Api.Requests, r => r.Path == "api/dashboard?days=30"), Timeout);
    }
}
