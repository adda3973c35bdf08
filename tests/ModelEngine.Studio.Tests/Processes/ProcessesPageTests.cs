using System.Text.Json;
using ModelEngine.Studio.Features.Processes;
using ModelEngine.Studio.Tests.Instances;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Processes;

public sealed class ProcessesPageTests : StudioPageTestContext
{
    public ProcessesPageTests()
    {
        SignIn("alice", "requesters");
        Api.On("GET", "api/workflow-definitions", new
        {
            items = new[] { new { id = "order-v2", definitionId = "order", version = 2, name = "Order", description = "Orders goods.", isPublished = true } },
            totalCount = 1,
        });
        Api.On("GET", "api/workflow-definitions/order", System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "definitionId": "order", "name": "Order", "version": 2,
              "inputs": [
                { "name": "item", "type": "String", "displayName": "Item", "isRequired": true },
                { "name": "count", "type": "Int32", "displayName": "Count" },
                { "name": "amount", "type": "Decimal", "displayName": "Amount" },
                { "name": "ratio", "type": "Double", "displayName": "Ratio" },
                { "name": "urgent", "type": "Boolean", "displayName": "Urgent" },
                { "name": "neededBy", "type": "DateTime", "displayName": "Needed by" },
                { "name": "details", "type": "Object", "displayName": "Details" },
                { "name": "tags", "type": "String", "isArray": true, "displayName": "Tags" },
                { "name": "sizes", "type": "Int32", "isArray": true, "displayName": "Sizes" }
              ]
            }
            """));
        Api.On("POST", "api/workflow-definitions/order/dispatch", new { workflowInstanceId = "new-1" });
        Api.On("GET", "api/workflow-instances", new
        {
            items = new[] { new { id = "mine-1", definitionId = "order", status = "Running", subStatus = "Suspended", name = "Order", createdAt = "2026-12-05T08:00:00Z" } },
            totalCount = 1,
        });
    }

    [Fact]
    public void Page_ListsPublishedDefinitions()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=process-card]")), Timeout);
        Assert.Equal("order", page.Find("[data-testid=process-card]").GetAttribute("data-definition-id"));
        Assert.Contains(Api.Requests, r => r.Path.StartsWith("api/workflow-definitions?", StringComparison.Ordinal) && r.Path.Contains("publishedOnly=true", StringComparison.Ordinal));
    }

    [Fact]
    public void MyInstances_AreTheUsersOwn()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=my-instances] [data-testid=my-instance-row]")), Timeout);
        Assert.Equal("mine-1", page.Find("[data-testid=my-instance-row]").GetAttribute("data-instance-id"));
        Assert.Contains(Api.Requests, r => r.Path == "api/workflow-instances?initiator=alice&page=1&pageSize=20");
        Assert.Equal("instances/mine-1", page.Find("[data-testid=my-instance-row] a").GetAttribute("href"));
    }

    [Fact]
    public void StartForm_RendersAFieldPerInputType()
    {
        var page = OpenStartForm();

        Assert.Empty(page.FindComponents<MudNumericField<decimal?>>());
        Assert.Single(page.FindComponents<MudCheckBox<bool>>());
        Assert.Single(page.FindComponents<MudDatePicker>());
        var textFields = page.FindComponents<MudTextField<string>>();
        Assert.Equal(["Amount", "Count", "Details", "Item", "Ratio", "Sizes", "Tags"], textFields.Select(f => f.Instance.Label).Where(l => l != "Needed by").Order());
        Assert.Equal(InputMode.numeric, textFields.Single(f => f.Instance.Label == "Count").Instance.InputMode);
        Assert.Equal(InputMode.@decimal, textFields.Single(f => f.Instance.Label == "Amount").Instance.InputMode);
        Assert.Equal(4, textFields.Single(f => f.Instance.Label == "Details").Instance.Lines);
        Assert.Equal("Values separated by commas", textFields.Single(f => f.Instance.Label == "Tags").Instance.HelperText);
        Assert.NotEmpty(page.FindAll("[data-testid=start-input-item]"));
        Assert.NotEmpty(page.FindAll("[data-testid=start-input-count]"));
    }

    [Fact]
    public void StartForm_MissingRequiredInput_BlocksDispatch()
    {
        var page = OpenStartForm();

        page.Find("form[data-testid=start-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Correct the marked fields", page.Find("[data-testid=start-error]").TextContent), Timeout);
        Assert.Contains("This input is required.", page.Markup);
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void StartForm_InvalidJson_BlocksDispatch()
    {
        var page = OpenStartForm();
        page.Find("[data-testid=start-input-item]").Change("Laptop");
        page.Find("[data-testid=start-input-details]").Change("{ not json");

        page.Find("form[data-testid=start-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Details is not valid JSON: check line 1, position 3.", page.Markup), Timeout);
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Theory]
    [InlineData("count", "abc", "Count: \"abc\" is not a whole number.")]
    [InlineData("count", "2147483648", "Count: 2147483648 is out of range.")]
    [InlineData("count", "2.5", "Count: \"2.5\" is not a whole number.")]
    [InlineData("amount", "12,5", "Amount: \"12,5\" is not a number. Use a point (.) as the decimal separator")]
    [InlineData("amount", "1e400", "Amount: 1e400 is out of range.")]
    [InlineData("ratio", "1e400", "Ratio: 1e400 is out of range.")]
    [InlineData("ratio", "abc", "Ratio: \"abc\" is not a number.")]
    public void StartForm_BadNumber_ShowsErrorKeepsText(string name, string text, string expected)
    {
        var page = OpenStartForm();
        page.Find("[data-testid=start-input-item]").Change("Laptop");
        page.Find($"[data-testid=start-input-{name}]").Change(text);

        page.Find("form[data-testid=start-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Correct the marked fields", page.Find("[data-testid=start-error]").TextContent), Timeout);
        Assert.Contains(expected, page.Find("form[data-testid=start-form]").TextContent, StringComparison.Ordinal);
        Assert.Equal(text, page.Find($"[data-testid=start-input-{name}]").GetAttribute("value"));
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void StartForm_ChineseUi_ShowsChineseError()
    {
        using var culture = new UiCulture("zh-CN");
        var page = OpenStartForm();
        page.Find("[data-testid=start-input-item]").Change("Laptop");
        page.Find("[data-testid=start-input-amount]").Change("12,5");

        page.Find("form[data-testid=start-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Amount：“12,5”不是数字。请用半角句点（.）作小数点", page.Markup, StringComparison.Ordinal), Timeout);
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void StartForm_CorrectedNumber_Submits()
    {
        var page = OpenStartForm();
        page.Find("[data-testid=start-input-item]").Change("Laptop");
        page.Find("[data-testid=start-input-amount]").Change("12,5");
        page.Find("form[data-testid=start-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("is not a number", page.Markup, StringComparison.Ordinal), Timeout);

        page.Find("[data-testid=start-input-amount]").Change("12.5");

        Assert.DoesNotContain("is not a number", page.Markup, StringComparison.Ordinal);
        page.Find("form[data-testid=start-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains(Api.Requests, r => r.Method == "POST"), Timeout);
        Assert.Equal(12.5m, Api.Requests.Single(r => r.Method == "POST").Body!["input"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public void StartForm_Submit_DispatchesTypedValues()
    {
        var page = OpenStartForm();
        page.Find("[data-testid=start-input-item]").Change("Laptop");
        page.Find("[data-testid=start-input-count]").Change("3");
        page.Find("[data-testid=start-input-amount]").Change("2500.5");
        page.Find("input[type=checkbox]").Change(true);
        page.Find("[data-testid=start-input-details]").Change("""{ "color": "grey" }""");
        page.Find("[data-testid=start-input-tags]").Change("it, urgent");
        page.Find("[data-testid=start-input-sizes]").Change("1, 2");

        page.Find("form[data-testid=start-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains(Api.Requests, r => r.Method == "POST"), Timeout);
        var input = Api.Requests.Single(r => r.Method == "POST").Body!["input"]!;
        Assert.Equal(JsonValueKind.String, input["item"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, input["count"]!.GetValueKind());
        Assert.Equal(3, input["count"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.Number, input["amount"]!.GetValueKind());
        Assert.Equal(2500.5m, input["amount"]!.GetValue<decimal>());
        Assert.True(input["urgent"]!.GetValue<bool>());
        Assert.Equal("grey", input["details"]!["color"]!.GetValue<string>());
        Assert.Equal(["it", "urgent"], input["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal([1, 2], input["sizes"]!.AsArray().Select(t => t!.GetValue<int>()));
        Assert.Null(input["neededBy"]);
        page.WaitForAssertion(() => Assert.Equal("instances/new-1", page.Find("[data-testid=start-result-link]").GetAttribute("href")), Timeout);
        Assert.Equal(2, Api.Requests.Count(r => r.Path.StartsWith("api/workflow-instances?initiator=alice", StringComparison.Ordinal)));
    }

    [Fact]
    public void StartField_WholeNumber_RejectsDecimals()
    {
        var field = new StartField { Name = "count", Label = "Count", TypeName = "Int32", Kind = StartFieldKind.Integer, Text = "2.5" };

        Assert.Null(field.ToJson(key => key, error => error.Key));
        Assert.Equal("NotInteger", field.Error);
    }

    [Fact]
    public void StartField_InvalidListItem_NamesTheItem()
    {
        var field = new StartField { Name = "sizes", Label = "Sizes", TypeName = "Int32", Kind = StartFieldKind.List, ElementKind = StartFieldKind.Integer, Text = "1, x" };

        Assert.Null(field.ToJson(key => key, error => $"{error.Key} {error.Arguments[0]}"));
        Assert.Equal("NotInteger x", field.Error);
    }

    private IRenderedComponent<ProcessesPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<ProcessesPage>();
    }

    private IRenderedComponent<ProcessesPage> OpenStartForm()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=process-start]"), Timeout);
        page.Find("[data-testid=process-start]").Click();
        page.WaitForAssertion(() => page.Find("form[data-testid=start-form]"), Timeout);
        return page;
    }
}
