using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Properties;
using ModelEngine.Studio.Tests.Designer;

namespace ModelEngine.Studio.Tests.Descriptors;

/// <summary>The designer under zh-CN: descriptor texts in Chinese, names and type names as the server sent them.</summary>
public sealed class DescriptorLocalizationTests : DesignerTestContext
{
    public DescriptorLocalizationTests() => Api.On("GET", "api/descriptors/activities", DescriptorFixtures.Page);

    [Fact]
    public void Toolbox_Chinese_ShowsTranslatedNamesAndCategories()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        Assert.Equal("用户任务", ToolboxItem(page, "ModelEngine.UserTask").TextContent.Trim());
        Assert.Equal("添加 用户任务：拖到画布上或按 Enter", ToolboxItem(page, "ModelEngine.UserTask").GetAttribute("aria-label"));
        Assert.Equal("条件判断", ToolboxItem(page, "ModelEngine.FlowDecision").TextContent.Trim());
        var categories = page.FindAll("[data-testid=toolbox-category] .mud-expand-panel-text").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("人工任务", categories);
        Assert.Contains("基础", categories);
        Assert.DoesNotContain("Human tasks", categories);
    }

    [Fact]
    public void Toolbox_PluginWithoutKeys_ShowsServerEnglish()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        Assert.Equal("Send SMS", ToolboxItem(page, DescriptorFixtures.PluginType).TextContent.Trim());
        Assert.Contains("Notifications", page.FindAll("[data-testid=toolbox-category] .mud-expand-panel-text").Select(e => e.TextContent.Trim()));
    }

    [Theory]
    [InlineData("用户")]
    [InlineData("User task")]
    [InlineData("user TASK")]
    public void ToolboxSearch_Chinese_MatchesChineseAndEnglishNames(string term)
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        page.Find("input[data-testid=toolbox-search]").Input(term);

        page.WaitForAssertion(
            () => Assert.Equal(["ModelEngine.UserTask"], page.FindAll("[data-testid=toolbox-item]").Select(e => e.GetAttribute("data-activity-type"))),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Toolbox_English_ShowsServerTexts()
    {
        using var culture = new UiCulture("en");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        Assert.Equal("User task", ToolboxItem(page, "ModelEngine.UserTask").TextContent.Trim());
        Assert.Contains("Human tasks", page.FindAll("[data-testid=toolbox-category] .mud-expand-panel-text").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Canvas_English_ShowsGeneratedNameAsItIs()
    {
        using var culture = new UiCulture("en");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        Assert.Equal("UserTask1", Node(page, "review1").Label);
        Assert.Equal(["Approve", "Reject"], Node(page, "review1").PortLabels);
    }

    [Fact]
    public async Task PropertyPanel_Chinese_ShowsTranslatedLabels()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["review1"]);

        var panel = page.FindComponent<PropertyPanel>();
        panel.WaitForAssertion(() => Assert.Equal("用户任务", panel.Find("h2").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("请人批准、驳回或选择其他处理结果。", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("标题", panel.Find("[data-testid=input-title] label").TextContent, StringComparison.Ordinal);
        Assert.Contains("在待办中显示的任务标题。", panel.Find("[data-testid=input-title]").TextContent, StringComparison.Ordinal);
        Assert.Contains(panel.FindAll("h3"), h => h.TextContent.Trim() == "人员");
        Assert.Contains("结果", panel.Find("[data-testid=output-result] label").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PropertyPanel_PluginWithoutKeys_ShowsServerEnglish()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["sms1"]);

        var panel = page.FindComponent<PropertyPanel>();
        panel.WaitForAssertion(() => Assert.Equal("Send SMS", panel.Find("h2").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("Phone number", panel.Find("[data-testid=input-phone] label").TextContent, StringComparison.Ordinal);
        Assert.Contains(panel.FindAll("h3"), h => h.TextContent.Trim() == "Recipient");
    }

    [Fact]
    public void Canvas_Chinese_TranslatesLabelsOnly()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        var review = Node(page, "review1");
        Assert.Equal("用户任务 1", review.Label);
        Assert.Equal("Audit", Node(page, "write1").Label);
        Assert.Equal("开始", Node(page, "start1").Label);
        Assert.Equal(["Approve", "Reject"], review.OutPorts);
        Assert.Equal(["批准", "驳回"], review.PortLabels);
        Assert.Equal("Human tasks", review.Category);
        Assert.Equal(["完成"], Node(page, "start1").PortLabels);
        Assert.Equal(["Sent"], Node(page, "sms1").PortLabels);
        Assert.Contains(Canvas(page).Instance.Graph.Edges, e => e.Source == "review1" && e.SourcePort == "Approve");
    }

    [Fact]
    public async Task ConnectionsEditor_Chinese_ShowsPortLabels()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["review1"]);

        page.WaitForAssertion(() => Assert.Equal("批准", page.Find("[data-testid=connection-port-Approve] h4").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("结果 驳回", page.Find("[data-testid=connection-port-Reject]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Validation_Chinese_NamesTheInputInChinese()
    {
        using var culture = new UiCulture("zh-CN");
        var page = RenderDesigner(DescriptorFixtures.Draft());

        Assert.Contains("必填输入“文本”为空。", Node(page, "write1").Problems ?? []);
    }

    [Fact]
    public async Task Save_Chinese_KeepsTypeAndOutcomeNames()
    {
        using var culture = new UiCulture("zh-CN");
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));
        var page = RenderDesigner(DescriptorFixtures.Draft());

        await Raise(page, c => c.OnDrop, new CanvasDrop("ModelEngine.UserTask", 600, 100));
        await page.InvokeAsync(() => page.Instance.SaveFromShortcut()).WaitAsync(TimeSpan.FromSeconds(5));

        var body = Assert.Single(Writes(), r => r.Path == "api/workflow-definitions").Body!;
        var json = body.ToJsonString();
        Assert.DoesNotContain("用户任务", json, StringComparison.Ordinal);
        Assert.DoesNotContain("批准", json, StringComparison.Ordinal);
        var root = FindRoot(body);
        var types = ((JsonArray)root["activities"]!).Select(a => a!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["ModelEngine.Start", "ModelEngine.UserTask", "ModelEngine.WriteLine", DescriptorFixtures.PluginType, "ModelEngine.UserTask"], types);
        var ports = ((JsonArray)root["connections"]!).Select(c => c!["source"]!["port"]!.GetValue<string>()).ToList();
        Assert.Equal(["Done", "Approve", "Reject"], ports);
        Assert.Contains("Approve", ((JsonArray)root["activities"]!)[4]!["outcomes"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement ToolboxItem(IRenderedComponent<DesignerPage> page, string type) =>
        page.Find($"[data-testid=toolbox-item][data-activity-type='{type}']");

    // The saved document is either the definition itself or wraps it in a "model" property.
    private static JsonObject FindRoot(JsonNode body) =>
        (body["root"] ?? body["model"]?["root"]) as JsonObject ?? throw new InvalidOperationException($"No root in {body.ToJsonString()}");
}
