using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Instances;

namespace ModelEngine.Studio.Tests.Descriptors;

/// <summary>The instance viewer's graph and the descriptor localizer under zh-CN.</summary>
public sealed class InstanceGraphLocalizationTests : StudioTestContext
{
    public InstanceGraphLocalizationTests()
    {
        Services.AddScoped<DescriptorsApi>();
        Api.On("GET", "api/descriptors/activities", DescriptorFixtures.Page);
    }

    [Fact]
    public async Task Build_Chinese_LabelsNodesAndPorts()
    {
        using var culture = new UiCulture("zh-CN");
        var descriptors = await Services.GetRequiredService<DescriptorsApi>().GetActivitiesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var model = DescriptorFixtures.Draft();
        ((System.Text.Json.Nodes.JsonArray)model["root"]!["connections"]!).Add(System.Text.Json.Nodes.JsonNode.Parse(
            """{ "source": { "activity": "review1", "port": "Skipped" }, "target": { "activity": "sms1", "port": "In" } }"""));

        var graph = InstanceGraphBuilder.Build(model, descriptors, Array.Empty<JournalEntry>());

        var review = Assert.Single(graph.Nodes, n => n.Id == "review1");
        Assert.Equal("用户任务 1", review.Label);
        Assert.Equal(["Approve", "Reject", "Skipped"], review.OutPorts);
        Assert.Equal(["批准", "驳回", "已跳过"], review.PortLabels);
        Assert.Equal("Send SMS", Assert.Single(graph.Nodes, n => n.Id == "sms1").Label);
    }

    [Fact]
    public async Task GetActivities_Chinese_KeepsNamesAndServerTexts()
    {
        using var culture = new UiCulture("zh-CN");
        var api = Services.GetRequiredService<DescriptorsApi>();

        var userTask = (await api.FindAsync("ModelEngine.UserTask").WaitAsync(TimeSpan.FromSeconds(5)))!;

        Assert.Equal("用户任务", userTask.DisplayName);
        Assert.Equal("User task", userTask.ServerDisplayName);
        Assert.Equal("人工任务", userTask.Category);
        Assert.Equal("Human tasks", userTask.ServerCategory);
        Assert.Equal(["title", "outcomes", "excludeInitiator"], userTask.Inputs.Select(i => i.Name));
        Assert.Equal("排除发起人", userTask.Inputs[2].DisplayName);
        Assert.Equal("人员", userTask.Inputs[2].Category);
        Assert.Equal(["Approve", "Reject"], userTask.Ports.Select(p => p.Name));
        Assert.Equal("批准", userTask.OutcomeLabel("Approve"));
        Assert.Equal("Unknown", userTask.OutcomeLabel("Unknown"));
        Assert.Equal("完成", api.OutcomeLabel("Done"));
    }

    [Fact]
    public async Task GetActivities_CultureChange_ReusesResponse()
    {
        var api = Services.GetRequiredService<DescriptorsApi>();
        using (new UiCulture("zh-CN"))
        {
            Assert.Equal("用户任务", (await api.FindAsync("ModelEngine.UserTask").WaitAsync(TimeSpan.FromSeconds(5)))!.DisplayName);
        }

        using (new UiCulture("en"))
        {
            Assert.Equal("User task", (await api.FindAsync("ModelEngine.UserTask").WaitAsync(TimeSpan.FromSeconds(5)))!.DisplayName);
        }

        Assert.Single(Api.Requests, r => r.Path == "api/descriptors/activities");
    }
}
