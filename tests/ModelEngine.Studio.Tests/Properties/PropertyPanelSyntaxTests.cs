using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Properties;
using ModelEngine.Studio.Features.Designer.Properties.Editors;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Properties;

public sealed class PropertyPanelSyntaxTests : PropertyPanelTestBase
{
    [Fact]
    public async Task Switcher_LiteralToJavaScript_KeepsText()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine)));
        panel.Find("[data-testid=input-title] input").Input("'Hello'");

        await SwitchSyntaxAsync(panel, "title", "JavaScript");

        Assert.Equal(Wrapped("String", "JavaScript", "\"\\u0027Hello\\u0027\""), Stored("title"));
        var editor = panel.FindComponent<InputField>().FindComponent<CodeEditor>();
        Assert.Equal("javascript", editor.Instance.Language);

        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("getInput('item')")).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("String", "JavaScript", "\"getInput(\\u0027item\\u0027)\""), Stored("title"));
    }

    [Fact]
    public async Task Switcher_Liquid_UsesLiquidEditor()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine)));

        await SwitchSyntaxAsync(panel, "title", "Liquid");

        Assert.Equal("liquid", panel.FindComponent<InputField>().FindComponent<CodeEditor>().Instance.Language);
        Assert.Equal(Wrapped("String", "Liquid", "null"), Stored("title"));
    }

    [Fact]
    public async Task Switcher_Variable_WritesVariableReference()
    {
        var panel = RenderPanel(Descriptor(Input("data", UiHints.JsonEditor, "Object")));

        await SwitchSyntaxAsync(panel, "data", "Variable");
        var picker = panel.FindComponent<VariablePickerEditor>().FindComponent<MudSelect<string>>();
        await panel.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("decisionVariable")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("Object", "Variable", """{"id":"decisionVariable","name":"Decision"}"""), Stored("data"));
    }

    [Fact]
    public async Task Switcher_ObjectTextBackToLiteral_ParsesChips()
    {
        var panel = RenderPanel(
            Descriptor(Input("candidateGroups", UiHints.GroupPicker, "String[]")),
            """{ "id": "a1", "type": "Test.Activity", "candidateGroups": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"managers\"]" } } }""");
        Assert.Equal("json", panel.FindComponent<InputField>().FindComponent<CodeEditor>().Instance.Language);

        await SwitchSyntaxAsync(panel, "candidateGroups", "Literal");

        Assert.Equal(Wrapped("String[]", "Literal", """["managers"]"""), Stored("candidateGroups"));
        Assert.Equal("managers", panel.Find("[data-testid=input-candidateGroups] .mud-chip").TextContent.Trim());
    }

    [Fact]
    public void DefaultSyntax_JavaScript_ShowsCodeEditorFirst()
    {
        var input = Input("data", UiHints.JsonEditor, "Object") with { DefaultSyntax = "JavaScript" };

        var panel = RenderPanel(Descriptor(input));

        Assert.Equal("JavaScript", panel.Find("[data-testid=syntax-data]").TextContent.Trim());
        Assert.Equal("javascript", panel.FindComponent<CodeEditor>().Instance.Language);
        Assert.Equal("missing", Stored("data"));
    }

    [Fact]
    public void Switcher_ListsTheEngineSyntaxes()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine)));

        Assert.Single(panel.FindAll("[data-testid=syntax-title]"));
        var switcher = panel.FindComponent<InputField>().FindComponent<MudSelect<string>>();
        Assert.Equal(["Literal", "JavaScript", "Liquid", "Object", "Variable"], switcher.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value));
    }

    [Fact]
    public void Unwrapped_ShowsNoSwitcherAndWritesPlainValue()
    {
        var panel = RenderPanel(Descriptor(Input("label", UiHints.SingleLine, wrapped: false)));

        Assert.Empty(panel.FindAll("[data-testid=syntax-label]"));
        panel.Find("[data-testid=input-label] input").Input("plain");

        Assert.Equal("\"plain\"", Stored("label"));
    }

    [Fact]
    public void Common_DisplayTextAndName_WriteActivity()
    {
        var panel = RenderPanel(Descriptor(), """{ "id": "a1", "type": "Test.Activity", "name": "Old" }""");

        panel.Find("[data-testid=activity-display-text]").Input("Check the amount");
        panel.Find("[data-testid=activity-name]").Input("CheckAmount");

        Assert.Equal("Check the amount", Activity["metadata"]?["displayText"]?.GetValue<string>());
        Assert.Equal("CheckAmount", Activity["name"]?.GetValue<string>());
        Assert.Equal(2, Changes.Count);
        Assert.True(panel.Find("[data-testid=activity-id]").HasAttribute("readonly"));
        Assert.Contains("An activity for the panel tests.", panel.Find("[data-testid=property-panel]").TextContent);
    }

    [Fact]
    public void Inputs_GroupedByCategoryInOrder()
    {
        var panel = RenderPanel(Descriptor(
            Input("second", UiHints.SingleLine) with { Order = 2 },
            Input("people", UiHints.SingleLine) with { Order = 1, Category = "People" },
            Input("first", UiHints.SingleLine) with { Order = 0 }));

        var headings = panel.FindAll("[data-testid=property-panel] h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Common", "Inputs", "People", "Outputs"], headings);
        var inputs = panel.FindAll("[data-testid^=input-]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["input-first", "input-second", "input-people"], inputs);
    }

    [Fact]
    public void ReadOnly_DisablesEveryField()
    {
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine), Input("outcomes", UiHints.DynamicOutcomes, "String[]")), readOnly: true);

        Assert.All(panel.FindAll("[data-testid=property-panel] input:not([readonly])"), input => Assert.True(input.HasAttribute("disabled"), input.OuterHtml));
        Assert.All(panel.FindAll("[data-testid=property-panel] button"), button => Assert.True(button.HasAttribute("disabled"), button.OuterHtml));
    }

    [Fact]
    public async Task NewActivityObject_RebuildsEditors()
    {
        var descriptor = Descriptor(Input("data", UiHints.JsonEditor, "Object"));
        var panel = RenderPanel(descriptor, """{ "id": "a1", "type": "Test.Activity", "data": { "typeName": "Object", "expression": { "type": "Literal", "value": { "n": 1 } } } }""");
        var before = panel.FindComponent<CodeEditor>().Instance;

        var snapshot = System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "a1", "type": "Test.Activity", "data": { "typeName": "Object", "expression": { "type": "Literal", "value": { "n": 2 } } } }""")!.AsObject();
        await panel.InvokeAsync(() => panel.Render(parameters => parameters.Add(p => p.Activity, snapshot))).WaitAsync(TimeSpan.FromSeconds(5));

        var after = panel.FindComponent<CodeEditor>().Instance;
        Assert.NotSame(before, after);
        Assert.Contains("2", after.Value);
    }

    [Fact]
    public void UnknownType_ShowsWarning()
    {
        var panel = RenderWithProviders<PropertyPanel>(parameters => parameters
            .Add(p => p.Activity, System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "x", "type": "Missing.Type" }""")!.AsObject())
            .Add(p => p.Context, Context));

        Assert.Contains("does not know the activity type \"Missing.Type\"", panel.Find("[data-testid=property-panel]").TextContent);
    }

    private static async Task SwitchSyntaxAsync(IRenderedComponent<PropertyPanel> panel, string input, string syntax)
    {
        var field = panel.FindComponents<InputField>().Single(f => f.Instance.Input.Name == input);
        var switcher = field.FindComponents<MudSelect<string>>().Last();
        await panel.InvokeAsync(() => switcher.Instance.ValueChanged.InvokeAsync(syntax)).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
