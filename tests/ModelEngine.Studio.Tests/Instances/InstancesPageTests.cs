using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Instances;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Instances;

public sealed class InstancesPageTests : StudioPageTestContext
{
    public InstancesPageTests()
    {
        Api.On("GET", "api/workflow-definitions", new { items = new[] { new { id = "v1", definitionId = "purchase-approval", version = 1, name = "Purchase approval" } }, totalCount = 1 });
        Api.On("GET", "api/workflow-instances", new
        {
            items = new[]
            {
                new
                {
                    id = "inst-1", definitionId = "purchase-approval", version = 1, status = "Running", subStatus = "Suspended",
                    name = "Purchase approval", initiator = "alice", incidentCount = 2,
                    createdAt = "2026-12-05T08:00:00Z", updatedAt = "2026-12-05T08:30:00Z",
                },
            },
            totalCount = 1,
        });
    }

    [Fact]
    public void Filters_FromTheUrl_AreSent()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            "instances?status=Running&subStatus=Suspended&definitionId=purchase-approval&correlationId=order-17");

        var page = Render<InstancesPage>();

        page.WaitForAssertion(() => Assert.Contains(Api.Requests, r => r.Path.StartsWith("api/workflow-instances?", StringComparison.Ordinal)), Timeout);
        var request = Api.Requests.Last(r => r.Path.StartsWith("api/workflow-instances?", StringComparison.Ordinal));
        Assert.Equal("api/workflow-instances?status=Running&subStatus=Suspended&definitionId=purchase-approval&correlationId=order-17&page=1&pageSize=20", request.Path);
    }

    [Fact]
    public void CorrelationFilter_IsSentAndKeptInTheUrl()
    {
        var page = Render<InstancesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=instance-row]")), Timeout);

        page.Find("input[data-testid=instances-filter-correlation]").Change("order-17");

        page.WaitForAssertion(
            () => Assert.Contains(Api.Requests, r => r.Path == "api/workflow-instances?correlationId=order-17&page=1&pageSize=20"),
            Timeout);
        Assert.Contains("correlationId=order-17", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_LinkToTheViewer()
    {
        var page = Render<InstancesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=instance-row]")), Timeout);
        var row = page.Find("[data-testid=instance-row]");
        Assert.Equal("inst-1", row.GetAttribute("data-instance-id"));
        Assert.Contains(page.FindAll("[data-testid=instances-table] a"), a => a.GetAttribute("href") == "instances/inst-1");
        Assert.Equal("Suspended", page.Find("[data-testid=instances-table] [data-status]").GetAttribute("data-status"));
        Assert.Single(page.FindComponents<MudSelectItem<string>>(), i => i.Instance.Value == "purchase-approval");
    }

    [Fact]
    public void Query_WithCursor_LeavesOutThePage()
    {
        var query = new InstanceQuery { Initiator = "alice", Cursor = "abc=", Page = 3, PageSize = 10 };

        Assert.Equal("?initiator=alice&cursor=abc%3D&pageSize=10", query.ToQueryString());
    }

    [Fact]
    public void StatusChoice_SplitsIntoStatusAndSubStatus()
    {
        Assert.Equal(("Running", "Suspended"), InstanceFilters.Split("Running/Suspended"));
        Assert.Equal(("Finished", null), InstanceFilters.Split("Finished"));
        Assert.Equal((null, null), InstanceFilters.Split(""));
        Assert.Equal("Finished/Faulted", InstanceFilters.Join("Finished", "Faulted"));
    }
}
