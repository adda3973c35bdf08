using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class RunDialogTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public RunDialogTests() => Api.On("POST", "api/workflow-definitions/orders/dispatch", new { workflowInstanceId = "inst-9" });

    [Fact]
    public void Run_SendsEachInputAsItsType()
    {
        var page = OpenRunDialog();
        Type("details", """{ "color": "grey", "sizes": [1, 2] }""");
        Type("count", "3");
        Type("amount", "1.5");
        Type("ratio", "1.5e3");
        Type("due", "2026-12-31T17:30:00+08:00");
        Type("wait", "PT90M");
        Type("tags", """["a", "b"]""");
        Type("note", "12,5");
        DialogHost.Find("input[type=checkbox][data-testid=run-input-urgent], [data-testid=run-input-urgent] input[type=checkbox]").Change(true);

        DialogHost.Find("[data-testid=run-submit]").Click();

        page.WaitForAssertion(() => Assert.Single(Writes()), Wait);
        var input = Writes()[0].Body!["input"]!;
        Assert.Equal(JsonValueKind.Object, input["details"]!.GetValueKind());
        Assert.Equal("grey", input["details"]!["color"]!.GetValue<string>());
        Assert.Equal(3, input["count"]!.GetValue<int>());
        Assert.Equal(1.5m, input["amount"]!.GetValue<decimal>());
        Assert.Equal(1500d, input["ratio"]!.GetValue<double>());
        Assert.Equal("2026-12-31T17:30:00+08:00", input["due"]!.GetValue<string>());
        Assert.Equal("01:30:00", input["wait"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Array, input["tags"]!.GetValueKind());
        Assert.Equal("12,5", input["note"]!.GetValue<string>());
        Assert.True(input["urgent"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("count", "1.5", "Count: \"1.5\" is not a whole number.")]
    [InlineData("count", "2147483648", "Count: 2147483648 is out of range. Enter a whole number from -2147483648 to 2147483647.")]
    [InlineData("amount", "12,5", "Amount: \"12,5\" is not a number.")]
    [InlineData("ratio", "1e400", "Ratio: 1e400 is out of range.")]
    [InlineData("details", "{ \"color\": ", "Details is not valid JSON: check line 1, position 12.")]
    [InlineData("due", "31/12/2026", "Due: \"31/12/2026\" is not an ISO 8601 date or time.")]
    [InlineData("wait", "90 minutes", "Wait: \"90 minutes\" is not a duration.")]
    public void Run_InvalidInput_BlocksWithFieldError(string name, string text, string expected)
    {
        var page = OpenRunDialog();
        Type(name, text);

        DialogHost.Find("[data-testid=run-submit]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(DialogHost.FindAll("[data-testid=run-error]")), Wait);
        Assert.Contains(expected, FieldError(name), StringComparison.Ordinal);
        Assert.Empty(Writes());
        Assert.Equal(text, Field(name).GetAttribute("value") ?? Field(name).TextContent);
    }

    [Fact]
    public void CorrectedInput_ClearsErrorAndRuns()
    {
        var page = OpenRunDialog();
        Type("count", "abc");
        DialogHost.Find("[data-testid=run-submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("is not a whole number", FieldError("count"), StringComparison.Ordinal), Wait);

        Type("count", "4");

        page.WaitForAssertion(() => Assert.Equal(string.Empty, FieldError("count")), Wait);
        DialogHost.Find("[data-testid=run-submit]").Click();
        page.WaitForAssertion(() => Assert.Single(Writes()), Wait);
        Assert.Equal(4, Writes()[0].Body!["input"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public void ChineseUi_ShowsChineseError()
    {
        using var culture = new UiCulture("zh-CN");
        var page = OpenRunDialog();
        Type("amount", "12,5");

        DialogHost.Find("[data-testid=run-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Amount：“12,5”不是数字", FieldError("amount"), StringComparison.Ordinal), Wait);
        Assert.Empty(Writes());
    }

    private IRenderedComponent<DesignerPage> OpenRunDialog()
    {
        var definition = DesignerFixtures.Published();
        definition["inputs"] = JsonNode.Parse("""
            [
              { "name": "details", "displayName": "Details", "type": "Object" },
              { "name": "count", "displayName": "Count", "type": "Int32" },
              { "name": "amount", "displayName": "Amount", "type": "Decimal" },
              { "name": "ratio", "displayName": "Ratio", "type": "Double" },
              { "name": "urgent", "displayName": "Urgent", "type": "Boolean" },
              { "name": "due", "displayName": "Due", "type": "DateTime" },
              { "name": "wait", "displayName": "Wait", "type": "TimeSpan" },
              { "name": "tags", "displayName": "Tags", "type": "String", "isArray": true },
              { "name": "note", "displayName": "Note", "type": "String" }
            ]
            """);
        var page = RenderDesigner(definition);
        page.Find("[data-testid=designer-run]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(DialogHost.FindAll("[data-testid=run-input-count]")), Wait);
        return page;
    }

    // The test id sits on the input or text area itself; the field's helper and error text follow in its wrapper.
    private AngleSharp.Dom.IElement Field(string name) => DialogHost.Find($"input[data-testid=run-input-{name}], textarea[data-testid=run-input-{name}]");

    private string FieldError(string name) =>
        Field(name).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? string.Empty;

    private void Type(string name, string text) => Field(name).Change(text);
}
