using System.Net;
using ModelEngine.Studio.Tests.Localization;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class PublishErrorsTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private void ScriptRejectedPublish() => Api.On("POST", "api/workflow-definitions/orders/publish", _ => ScriptedStudioApi.Json(
        HttpStatusCode.BadRequest,
        new
        {
            title = "The workflow definition is invalid.",
            status = 400,
            detail = "The definition has 3 validation errors. Fix every entry in 'errors' and publish again.",
            errors = new object[]
            {
                new { activityId = "task1", property = "title", value = (string?)null, message = "Required input 'title' is missing. Set it in the activity's properties." },
                new { activityId = "mystery1", property = "type", value = "Acme.Unknown", message = "Unknown activity type 'Acme.Unknown'." },
                new { activityId = (string?)null, property = "root", value = (string?)null, message = "The definition has no 'root' activity." },
            },
        },
        "application/problem+json"));

    [Fact]
    public void PublishErrors_ListActivityAndInput()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        ScriptRejectedPublish();

        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=publish-error]").Count), Wait);
        var entries = page.FindAll("[data-testid=publish-error]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal("Task, input “Title”: a value is required. Set it in the activity’s properties.", entries[0]);
        Assert.Equal("Acme.Unknown, field “type”: Unknown activity type 'Acme.Unknown'.", entries[1]);
        Assert.Equal("Definition, field “root”: The definition has no 'root' activity.", entries[2]);
        Assert.Equal("task1", page.FindAll("[data-testid=publish-error]")[0].GetAttribute("data-activity-id"));
        Assert.Contains("3 problem(s)", page.Find("[data-testid=publish-errors]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix every entry in 'errors'", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=designer-error]"));
    }

    [Fact]
    public void PublishMissingInput_ListedOnceInProblems()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        var before = page.FindAll("[data-testid=problem][data-activity-id=task1]").Count;
        ScriptRejectedPublish();

        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=publish-error]").Count), Wait);
        Assert.Equal(before, page.FindAll("[data-testid=problem][data-activity-id=task1]").Count);
        Assert.DoesNotContain(page.FindAll("[data-testid=problem]"), e => e.TextContent.Contains("Required input 'title'", StringComparison.Ordinal));
    }

    [Fact]
    public void PublishErrors_InChinese_UseChineseFrame()
    {
        using var culture = UiCulture.Use("zh-CN");
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        ScriptRejectedPublish();

        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=publish-error]").Count), Wait);
        var first = page.FindAll("[data-testid=publish-error]")[0].TextContent.Trim();
        Assert.Equal("Task 的输入“Title”：必须填写。请在活动属性中设置。", first);
        Assert.Contains("定义中有 3 个问题", page.Find("[data-testid=publish-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishRejection_WithoutErrors_ShowsDetail()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        Api.OnProblem("POST", "api/workflow-definitions/orders/publish", HttpStatusCode.Conflict, "The definition was changed by another request.");

        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by another request", page.Find("[data-testid=designer-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=publish-errors]"));
    }
}
