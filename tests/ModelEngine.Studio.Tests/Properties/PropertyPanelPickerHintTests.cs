using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Properties.Editors;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Properties;

public sealed class PropertyPanelPickerHintTests : PropertyPanelTestBase
{
    [Fact]
    public async Task VariablePicker_Unwrapped_WritesReference()
    {
        var panel = RenderPanel(Descriptor(Input("variable", UiHints.VariablePicker, "Object", wrapped: false, required: true)));

        var select = panel.FindComponent<VariablePickerEditor>().FindComponent<MudSelect<string>>();
        Assert.Equal(["decisionVariable", "countVariable"], select.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value));
        Assert.Empty(panel.FindAll("[data-testid=syntax-variable]"));
        Assert.Contains("Required", panel.Find("[data-testid=input-variable]").TextContent);

        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("countVariable")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""{"id":"countVariable","name":"Count"}""", Stored("variable"));
    }

    [Fact]
    public async Task OutcomePicker_Choice_WritesOutcome()
    {
        var panel = RenderPanel(Descriptor(Input("outcome", UiHints.OutcomePicker)));

        var select = panel.FindComponent<OutcomePickerEditor>().FindComponent<MudSelect<string>>();
        Assert.Equal(["Done", "Escalated"], select.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value));
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Escalated")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("String", "Literal", "\"Escalated\""), Stored("outcome"));
    }

    [Fact]
    public void DynamicOutcomes_EnterAddsAndCloseRemoves()
    {
        var panel = RenderPanel(Descriptor(Input("outcomes", UiHints.DynamicOutcomes, "String[]")));

        AddChipWithEnter(panel, "outcomes", "Approve");
        AddChipWithEnter(panel, "outcomes", "Reject");
        Assert.Equal(Wrapped("String[]", "Literal", """["Approve","Reject"]"""), Stored("outcomes"));

        var close = panel.FindAll("[data-testid=input-outcomes] .mud-chip button").First();
        Assert.Equal("BUTTON", close.TagName);
        close.Click();

        Assert.Equal(Wrapped("String[]", "Literal", """["Reject"]"""), Stored("outcomes"));
        Assert.DoesNotContain("Approve", panel.Find("[data-testid=input-outcomes] [role=list]").TextContent);
    }

    [Fact]
    public void DynamicOutcomes_Duplicate_IsRejected()
    {
        var panel = RenderPanel(Descriptor(Input("outcomes", UiHints.DynamicOutcomes, "String[]")));

        AddChipWithEnter(panel, "outcomes", "Approve");
        AddChipWithEnter(panel, "outcomes", "Approve");

        Assert.Contains("\"Approve\" is already in the list.", panel.Find("[data-testid=input-outcomes]").TextContent);
        Assert.Equal(Wrapped("String[]", "Literal", """["Approve"]"""), Stored("outcomes"));
    }

    [Fact]
    public void DynamicOutcomes_ReadsObjectTextFromElsaFiles()
    {
        var panel = RenderPanel(
            Descriptor(Input("outcomes", UiHints.DynamicOutcomes, "String[]")),
            """{ "id": "a1", "type": "Test.Activity", "outcomes": { "typeName": "String[]", "expression": { "type": "Literal", "value": "[\"Approve\",\"Reject\"]" } } }""");

        var chips = panel.FindAll("[data-testid=input-outcomes] .mud-chip");
        Assert.Equal(["Approve", "Reject"], chips.Select(chip => chip.TextContent.Trim()));
    }

    [Fact]
    public void MultiText_AddButton_AddsTypedText()
    {
        var panel = RenderPanel(Descriptor(Input("methods", UiHints.MultiText, "String[]")));

        panel.Find("[data-testid=input-methods] input").Input("POST");
        panel.Find("[data-testid=input-methods] button[aria-label='Add to Methods']").Click();

        Assert.Equal(Wrapped("String[]", "Literal", """["POST"]"""), Stored("methods"));
        Assert.Equal("", panel.Find("[data-testid=input-methods] input").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task FlowSwitch_AddCase_WritesLabelAndCondition()
    {
        var panel = RenderPanel(Descriptor(Input("cases", UiHints.FlowSwitchEditor, "FlowSwitchCase[]", wrapped: false)));

        panel.Find("[data-testid=switch-case-add]").Click();
        Assert.Contains("Enter a label", panel.Find("[data-testid=switch-case]").TextContent);

        panel.Find("[data-testid=switch-case] input").Input("big");
        var condition = panel.FindComponent<FlowSwitchEditor>().FindComponent<CodeEditor>();
        await panel.InvokeAsync(() => condition.Instance.ApplyTextAsync("input.n > 10")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""[{"label":"big","condition":{"type":"JavaScript","value":"input.n \u003E 10"}}]""", Stored("cases"));
        Assert.Empty(panel.FindAll("[data-testid=syntax-cases]"));
    }

    [Fact]
    public void FlowSwitch_DuplicateLabelAndRemove()
    {
        var panel = RenderPanel(
            Descriptor(Input("cases", UiHints.FlowSwitchEditor, "FlowSwitchCase[]", wrapped: false)),
            """{ "id": "a1", "type": "Test.Activity", "cases": [ { "label": "big", "condition": { "type": "JavaScript", "value": "true" } }, { "label": "big", "condition": { "type": "JavaScript", "value": "false" } } ] }""");

        var rows = panel.FindAll("[data-testid=switch-case]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Another case already uses the label \"big\"", rows[1].TextContent);

        panel.Find("[data-testid=switch-case] button[aria-label='Remove case 2']").Click();

        Assert.Equal("""[{"label":"big","condition":{"type":"JavaScript","value":"true"}}]""", Stored("cases"));
    }

    [Fact]
    public async Task UserPicker_Single_SearchesUsersAndWritesName()
    {
        var panel = RenderPanel(Descriptor(Input("assignee", UiHints.UserPicker)));

        panel.Find("[data-testid=input-assignee] input").Input("bo");

        // The autocomplete debounces through the registered TimeProvider, which is the test's fake clock.
        Time.Advance(TimeSpan.FromSeconds(1));
        panel.WaitForAssertion(() => Assert.Contains("bo", UserSearches), TimeSpan.FromSeconds(5));
        Assert.Empty(GroupSearches);

        var autocomplete = panel.FindComponent<MudAutocomplete<string>>();
        await panel.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync("bob")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Wrapped("String", "Literal", "\"bob\""), Stored("assignee"));
        Assert.Empty(panel.FindAll("[data-testid=input-assignee] .mud-chip"));
    }

    [Fact]
    public async Task GroupPicker_Multiple_AddsChipsAndSkipsChosen()
    {
        var panel = RenderPanel(Descriptor(Input("candidateGroups", UiHints.GroupPicker, "String[]")));

        var autocomplete = panel.FindComponent<MudAutocomplete<string>>();
        await panel.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync("managers")).WaitAsync(TimeSpan.FromSeconds(5));
        await panel.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync("finance")).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("String[]", "Literal", """["managers","finance"]"""), Stored("candidateGroups"));

        var search = autocomplete.Instance.SearchFunc ?? throw new InvalidOperationException("The group picker has no search function.");
        var searching = search("", CancellationToken.None) ?? throw new InvalidOperationException("The group search returned no task.");
        var found = await searching.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["designers"], found);
        Assert.Equal([""], GroupSearches);
        Assert.Empty(UserSearches);

        panel.FindAll("[data-testid=input-candidateGroups] .mud-chip button").First().Click();
        Assert.Equal(Wrapped("String[]", "Literal", """["finance"]"""), Stored("candidateGroups"));
    }

    [Fact]
    public void GroupPicker_TypedText_SearchesGroups()
    {
        var panel = RenderPanel(Descriptor(Input("candidateGroups", UiHints.GroupPicker, "String[]")));

        panel.Find("[data-testid=input-candidateGroups] input").Input("fin");
        Time.Advance(TimeSpan.FromSeconds(1));

        panel.WaitForAssertion(() => Assert.Contains("fin", GroupSearches), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Output_BoundToVariable_WritesMemoryReference()
    {
        var panel = RenderPanel(Descriptor());

        var select = panel.Find("[data-testid=output-result]");
        Assert.Contains("Result", select.TextContent);
        var component = panel.FindComponent<Features.Designer.Properties.OutputBinding>().FindComponent<MudSelect<string>>();
        await panel.InvokeAsync(() => component.Instance.ValueChanged.InvokeAsync("decisionVariable")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""{"typeName":"Object","memoryReference":{"id":"decisionVariable"}}""", Stored("result"));

        await panel.InvokeAsync(() => component.Instance.ValueChanged.InvokeAsync(null)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("missing", Stored("result"));
    }

    private static void AddChipWithEnter(IRenderedComponent<Features.Designer.Properties.PropertyPanel> panel, string input, string text)
    {
        var field = panel.Find($"[data-testid=input-{input}] input");
        field.Input(text);
        panel.Find($"[data-testid=input-{input}] input").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
    }
}
