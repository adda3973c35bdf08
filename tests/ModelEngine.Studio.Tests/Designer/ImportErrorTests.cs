using Microsoft.AspNetCore.Components.Forms;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Tests.Localization;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class ImportErrorTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<DefinitionsPage> UploadBrokenFile()
    {
        Api.On("GET", "api/workflow-definitions", new PagedList<DefinitionSummary>([], 0));
        var page = RenderWithProviders<DefinitionsPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\n  \"definitionId\": \"x\",\n  \"root\": { oops }\n}", "broken.json"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=definitions-error]")), Wait);
        return page;
    }

    [Fact]
    public void InvalidJson_NamesLineAndPosition()
    {
        using var culture = UiCulture.Use("en");

        var page = UploadBrokenFile();

        var text = page.Find("[data-testid=definitions-error]").TextContent;
        Assert.Contains("broken.json is not valid JSON: the error is on line 3, position 13.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJson_InChinese_HasNoParserText()
    {
        using var culture = UiCulture.Use("zh-CN");

        var page = UploadBrokenFile();

        var text = page.Find("[data-testid=definitions-error]").TextContent;
        Assert.Contains("broken.json 不是有效的 JSON：错误位于第 3 行第 13 个字符。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", text, StringComparison.OrdinalIgnoreCase);
    }
}
