using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Properties;
using ModelEngine.Studio.Features.Designer.Properties.Editors;
using MudBlazor;
using CodeEditor = ModelEngine.Studio.Features.Designer.Properties.Editors.CodeEditor;

namespace ModelEngine.Studio.Tests.Properties;

/// <summary>
/// The Monaco editor behind a code input lives as long as the input shows code: a syntax switch changes its language in
/// place instead of disposing it, and invalid JSON gets a localized message with its line and character.
/// </summary>
public sealed class CodeEditorLifetimeTests : PropertyPanelTestBase
{
    private const string CreateEditor = "blazorMonaco.editor.create";

    [Fact]
    public async Task SyntaxSwitch_BetweenCodeSyntaxes_KeepsOneEditor()
    {
        JSInterop.Setup<CodeEditor.MonacoModel?>("blazorMonaco.editor.getInstanceModel", _ => true).SetResult(new CodeEditor.MonacoModel("inmemory://model/1"));
        var panel = RenderPanel(Descriptor(Input("title", UiHints.SingleLine)));
        await SwitchSyntaxAsync(panel, "title", "JavaScript");
        var editor = panel.FindComponent<InputField>().FindComponent<CodeEditor>();
        var monacoId = editor.Find(".monaco-editor-container").Id;
        panel.WaitForAssertion(() => Assert.True(editor.Instance.IsCreated), TimeSpan.FromSeconds(5));
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("getInput('item')")).WaitAsync(TimeSpan.FromSeconds(5));

        await SwitchSyntaxAsync(panel, "title", "Liquid");
        await SwitchSyntaxAsync(panel, "title", "JavaScript");
        await SwitchSyntaxAsync(panel, "title", "Liquid");

        var after = panel.FindComponent<InputField>().FindComponent<CodeEditor>();
        Assert.Same(editor.Instance, after.Instance);
        Assert.Equal(monacoId, after.Find(".monaco-editor-container").Id);
        Assert.Equal("liquid", after.Instance.Language);
        Assert.Equal([monacoId], JSInterop.Invocations.Where(i => i.Identifier == CreateEditor).Select(i => (string?)i.Arguments[0]));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "blazorMonaco.editor.dispose");
        panel.WaitForAssertion(
            () => Assert.Equal("liquid", JSInterop.Invocations.Last(i => i.Identifier == "blazorMonaco.editor.setModelLanguage").Arguments[^1]),
            TimeSpan.FromSeconds(5));
        Assert.Contains("getInput", Stored("title"));
    }

    [Fact]
    public async Task JsonEditor_InvalidText_ShowsLineAndCharacter()
    {
        var panel = RenderPanel(Descriptor(Input("formSchema", UiHints.JsonEditor, "Object")));
        var editor = panel.FindComponent<CodeEditor>();

        // The error is at "}" on line 2: 9 UTF-8 bytes but 7 characters into the line, so it is character 8.
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("{\n  \"名\": }")).WaitAsync(TimeSpan.FromSeconds(5));

        panel.WaitForAssertion(
            () => Assert.Equal(
                "Invalid JSON at line 2, character 8. Until the text parses, the field keeps its last valid value, so fix it before you save or publish.",
                panel.Find("[data-testid=input-formSchema] [role=alert]").TextContent),
            TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("BytePositionInLine", panel.Markup);
        Assert.Equal("missing", Stored("formSchema"));
    }

    [Fact]
    public async Task JsonEditor_InvalidText_ChineseMessage()
    {
        using var culture = new UiCulture("zh-CN");
        var panel = RenderPanel(Descriptor(Input("formSchema", UiHints.JsonEditor, "Object")));
        var editor = panel.FindComponent<CodeEditor>();

        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("""{ "type": "object" } x""")).WaitAsync(TimeSpan.FromSeconds(5));

        panel.WaitForAssertion(
            () => Assert.StartsWith("第 1 行第 22 个字符处的 JSON 无效", panel.Find("[data-testid=input-formSchema] [role=alert]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("Expected", panel.Markup);
    }

    [Fact]
    public async Task JsonEditor_FixedText_ClearsErrorAndStores()
    {
        var panel = RenderPanel(Descriptor(Input("formSchema", UiHints.JsonEditor, "Object")));
        var editor = panel.FindComponent<CodeEditor>();
        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("""{ "type": """)).WaitAsync(TimeSpan.FromSeconds(5));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=input-formSchema] [role=alert]")), TimeSpan.FromSeconds(5));

        await panel.InvokeAsync(() => editor.Instance.ApplyTextAsync("""{ "type": "object" }""")).WaitAsync(TimeSpan.FromSeconds(5));

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=input-formSchema] [role=alert]")), TimeSpan.FromSeconds(5));
        Assert.Equal(Wrapped("Object", "Literal", """{"type":"object"}"""), Stored("formSchema"));
    }

    private static async Task SwitchSyntaxAsync(IRenderedComponent<PropertyPanel> panel, string input, string syntax)
    {
        var field = panel.FindComponents<InputField>().Single(f => f.Instance.Input.Name == input);
        var switcher = field.FindComponents<MudSelect<string>>().Last();
        await panel.InvokeAsync(() => switcher.Instance.ValueChanged.InvokeAsync(syntax)).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
