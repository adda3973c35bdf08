using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Properties.Editors;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Properties;

public sealed class PropertyPanelTextHintTests : PropertyPanelTestBase
{
    [Fact]
    public void SingleLine_Edit_WritesWrappedLiteral()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine)));

        panel.Find("[data-testid=input-title] input").Input("Approve the purchase");

        Assert.Equal(Wrapped("String", "Literal", "\"Approve the purchase\""), Stored("title"));
        Assert.Single(Changes);
    }

    [Fact]
    public void SingleLine_ReadsExistingLiteral()
    {
        var panel = RenderPanel(
            Descriptor(Input("title", UiHints.SingleLine)),
            """{ "id": "a1", "type": "Test.Activity", "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Existing" } } }""");

        Assert.Equal("Existing", panel.Find("[data-testid=input-title] input").GetAttribute("value"));
    }

    [Fact]
    public void Required_EmptyInput_ShowsRequiredUntilFilled()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine, required: true)));

        var field = panel.Find("[data-testid=input-title]");
        Assert.Contains("Title *", field.TextContent);
        Assert.Contains("Required", field.TextContent);

        panel.Find("[data-testid=input-title] input").Input("Filled");

        panel.WaitForAssertion(() => Assert.DoesNotContain("Required", panel.Find("[data-testid=input-title]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void MultiLine_Edit_WritesTextFromTextArea()
    {
        var panel = RenderPanel(Descriptor(Input("description", UiHints.MultiLine)));

        var area = panel.Find("[data-testid=input-description] textarea");
        Assert.Equal("4", area.GetAttribute("rows"));
        area.Input("Line one\nLine two");

        Assert.Equal(Wrapped("String", "Literal", "\"Line one\\nLine two\""), Stored("description"));
    }

    [Fact]
    public void Checkbox_Click_WritesBoolean()
    {
        var panel = RenderPanel(Descriptor(Input("rerank", UiHints.Checkbox, "Boolean")));

        panel.Find("[data-testid=input-rerank] input[type=checkbox]").Change(true);

        Assert.Equal(Wrapped("Boolean", "Literal", "true"), Stored("rerank"));
    }

    [Fact]
    public void Checkbox_ReadsTextTrueAsChecked()
    {
        var panel = RenderPanel(
            Descriptor(Input("rerank", UiHints.Checkbox, "Boolean")),
            """{ "id": "a1", "type": "Test.Activity", "rerank": { "typeName": "Boolean", "expression": { "type": "Literal", "value": "true" } } }""");

        Assert.True(panel.Find("[data-testid=input-rerank] input[type=checkbox]").HasAttribute("checked"));
    }

    [Fact]
    public async Task Dropdown_Choice_WritesOption()
    {
        var input = Input("mode", UiHints.Dropdown) with { Options = ["Ask", "Record"] };
        var panel = RenderPanel(Descriptor(input));

        var select = panel.FindComponent<DropdownEditor>().FindComponent<MudSelect<string>>();
        Assert.Equal(["Ask", "Record"], select.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value));
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Record")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("String", "Literal", "\"Record\""), Stored("mode"));
    }

    [Fact]
    public async Task JsonEditor_ValidText_WritesParsedJson()
    {
        var panel = RenderPanel(Descriptor(Input("formSchema", UiHints.JsonEditor, "Object")));

        var editor = panel.FindComponent<CodeEditor>();
        Assert.Equal("json", editor.Instance.Language);
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("""{ "type": "object" }""")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("Object", "Literal", """{"type":"object"}"""), Stored("formSchema"));
    }

    [Fact]
    public async Task JsonEditor_InvalidText_ShowsError()
    {
        var panel = RenderPanel(
            Descriptor(Input("formSchema", UiHints.JsonEditor, "Object")),
            """{ "id": "a1", "type": "Test.Activity", "formSchema": { "typeName": "Object", "expression": { "type": "Literal", "value": { "type": "object" } } } }""");

        var editor = panel.FindComponent<CodeEditor>();
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("""{ "type": """)).WaitAsync(TimeSpan.FromSeconds(5));

        panel.WaitForAssertion(() => Assert.Contains("Invalid JSON", panel.Find("[data-testid=input-formSchema] [role=alert]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("Object", "Literal", """{"type":"object"}"""), Stored("formSchema"));
        Assert.Empty(Changes);
    }

    [Fact]
    public async Task CodeEditor_Edit_WritesScriptText()
    {
        var panel = RenderPanel(Descriptor(Input("script", UiHints.CodeEditor)));

        var editor = panel.FindComponent<CodeEditor>();
        Assert.Equal("javascript", editor.Instance.Language);
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("return 1 + 1;")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("String", "Literal", "\"return 1 \\u002B 1;\""), Stored("script"));
    }

    [Fact]
    public void CodeEditor_LiquidDefault_UsesLiquidLanguage()
    {
        var input = Input("template", UiHints.CodeEditor) with { DefaultSyntax = "Liquid" };

        var panel = RenderPanel(Descriptor(input));

        Assert.Equal("liquid", panel.FindComponent<CodeEditor>().Instance.Language);
    }

    [Fact]
    public async Task DateTime_DateAndTime_WritesIsoUtc()
    {
        var panel = RenderPanel(Descriptor(Input("at", UiHints.DateTimePicker, "DateTimeOffset")));

        var date = panel.FindComponent<MudDatePicker>();
        await panel.InvokeAsync(() => date.Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 24))).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("DateTimeOffset", "Literal", "\"2026-12-24T00:00:00Z\""), Stored("at"));

        var time = panel.FindComponent<MudTimePicker>();
        await panel.InvokeAsync(() => time.Instance.TimeChanged.InvokeAsync(new TimeSpan(9, 30, 0))).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("DateTimeOffset", "Literal", "\"2026-12-24T09:30:00Z\""), Stored("at"));
    }

    [Fact]
    public void DateTime_ReadsOffsetAsUtc()
    {
        var panel = RenderPanel(
            Descriptor(Input("at", UiHints.DateTimePicker, "DateTimeOffset")),
            """{ "id": "a1", "type": "Test.Activity", "at": { "typeName": "DateTimeOffset", "expression": { "type": "Literal", "value": "2026-12-24T10:30:00+01:00" } } }""");

        var fields = panel.FindAll("[data-testid=input-at] input");
        Assert.Equal("2026-12-24", fields[0].GetAttribute("value"));
        Assert.Equal("09:30", fields[1].GetAttribute("value"));
    }

    [Theory]
    [InlineData("04:00:00")]
    [InlineData("PT4H")]
    [InlineData("1.02:00:00")]
    public void Duration_ValidText_StoredWithoutError(string text)
    {
        var panel = RenderPanel(Descriptor(Input("dueIn", UiHints.Duration, "TimeSpan")));

        panel.Find("[data-testid=input-dueIn] input").Input(text);

        Assert.Equal(Wrapped("TimeSpan", "Literal", JsonValue.Create(text).ToJsonString()), Stored("dueIn"));
        Assert.DoesNotContain("is not a duration", panel.Find("[data-testid=input-dueIn]").TextContent);
        Assert.Contains("PT4H", panel.Find("[data-testid=input-dueIn]").TextContent);
    }

    [Theory]
    [InlineData("four hours")]
    [InlineData("P4X")]
    [InlineData("12")]
    public void Duration_InvalidText_ShowsError(string text)
    {
        var panel = RenderPanel(Descriptor(Input("dueIn", UiHints.Duration, "TimeSpan")));

        panel.Find("[data-testid=input-dueIn] input").Input(text);

        panel.WaitForAssertion(() => Assert.Contains($"\"{text}\" is not a duration", panel.Find("[data-testid=input-dueIn]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("TimeSpan", "Literal", JsonValue.Create(text).ToJsonString()), Stored("dueIn"));
    }
}
