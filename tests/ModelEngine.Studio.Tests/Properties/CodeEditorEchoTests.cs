using Microsoft.JSInterop;
using CodeEditor = ModelEngine.Studio.Features.Designer.Properties.Editors.CodeEditor;

namespace ModelEngine.Studio.Tests.Properties;

/// <summary>
/// The parent renders every text the editor sends back as its Value, and a render can carry an older text while the
/// user types on. Such an echo must not be written into Monaco, or it would undo the keys typed since.
/// </summary>
public sealed class CodeEditorEchoTests : StudioTestContext
{
    private const string SetValue = "blazorMonaco.editor.setValue";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StaleEcho_IsNotWritten()
    {
        var editor = RenderCreated();

        await editor.InvokeAsync(() => editor.Instance.ApplyTextAsync("x")).WaitAsync(s_timeout);
        await editor.InvokeAsync(() => editor.Instance.ApplyTextAsync("x0")).WaitAsync(s_timeout);
        editor.Render(parameters => parameters.Add(p => p.Value, "x"));

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == SetValue);
    }

    [Fact]
    public async Task OutsideChange_IsWritten()
    {
        var editor = RenderCreated();
        await editor.InvokeAsync(() => editor.Instance.ApplyTextAsync("x")).WaitAsync(s_timeout);

        editor.Render(parameters => parameters.Add(p => p.Value, "reverted"));

        editor.WaitForAssertion(() => Assert.Equal("reverted", Assert.Single(JSInterop.Invocations, i => i.Identifier == SetValue).Arguments[1]), s_timeout);
    }

    [Fact]
    public async Task EarlierText_AfterBlur_IsWritten()
    {
        var editor = RenderCreated();
        await editor.InvokeAsync(() => editor.Instance.ApplyTextAsync("x")).WaitAsync(s_timeout);
        await editor.InvokeAsync(() => editor.Instance.ApplyTextAsync("x0")).WaitAsync(s_timeout);

        // Once the user left the editor, the same text is an outside change, such as an undo in the designer.
        var events = Assert.Single(JSInterop.Invocations, i => i.Identifier == "blazorMonaco.editor.create").Arguments[3];
        await editor.InvokeAsync(() => ((DotNetObjectReference<CodeEditor.MonacoEvents>)events!).Value.OnEventAsync("OnDidBlurEditorText", null)).WaitAsync(s_timeout);
        editor.Render(parameters => parameters.Add(p => p.Value, "x"));

        editor.WaitForAssertion(() => Assert.Equal("x", Assert.Single(JSInterop.Invocations, i => i.Identifier == SetValue).Arguments[1]), s_timeout);
    }

    private IRenderedComponent<CodeEditor> RenderCreated()
    {
        var editor = Render<CodeEditor>(parameters => parameters.Add(p => p.Label, "Script"));
        editor.WaitForAssertion(() => Assert.True(editor.Instance.IsCreated), s_timeout);
        return editor;
    }
}
