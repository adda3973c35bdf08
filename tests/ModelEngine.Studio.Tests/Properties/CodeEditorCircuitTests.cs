using ModelEngine.Studio.Api.Descriptors;
using CodeEditor = ModelEngine.Studio.Features.Designer.Properties.Editors.CodeEditor;

namespace ModelEngine.Studio.Tests.Properties;

/// <summary>
/// Each Monaco editor is created through the JS runtime of the circuit that renders it, even when another circuit in the
/// same server process starts an editor in between. BlazorMonaco 3.0.0's StandaloneCodeEditor sends "create" through a
/// static runtime that the most recently initialized editor of any circuit set, so the create can reach another circuit.
/// </summary>
public sealed class CodeEditorCircuitTests : PropertyPanelTestBase
{
    private const string CreateEditor = "blazorMonaco.editor.create";

    [Fact]
    public async Task CreateCall_StaysInOwnCircuit()
    {
        await using var other = new OtherCircuit();
        var otherStarted = false;
        IRenderedComponent<CodeEditor>? otherEditor = null;

        // The first create of this circuit renders an editor in the other circuit before this circuit's second create.
        JSInterop.SetupVoid(CreateEditor, _ =>
        {
            if (!otherStarted)
            {
                otherStarted = true;
                otherEditor = other.Render<CodeEditor>(parameters => parameters.Add(p => p.Label, "Other"));
            }

            return true;
        }).SetVoidResult();
        var activity = $$"""
            { "id": "a1", "type": "Test.Activity",
              "first": {{Wrapped("String", "JavaScript", "\"1\"")}},
              "second": {{Wrapped("String", "JavaScript", "\"2\"")}} }
            """;

        var panel = RenderPanel(Descriptor(Input("first", UiHints.SingleLine), Input("second", UiHints.SingleLine)), activity);

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindComponents<CodeEditor>().Count), TimeSpan.FromSeconds(5));
        Assert.NotNull(otherEditor);
        var ids = panel.FindAll(".monaco-editor-container").Select(e => e.Id).ToList();
        panel.WaitForAssertion(
            () => Assert.Equal(ids, JSInterop.Invocations.Where(i => i.Identifier == CreateEditor).Select(i => (string?)i.Arguments[0])),
            TimeSpan.FromSeconds(5));
        var otherId = otherEditor.Find(".monaco-editor-container").Id;
        Assert.Equal([otherId], other.JSInterop.Invocations.Where(i => i.Identifier == CreateEditor).Select(i => (string?)i.Arguments[0]));
    }

    /// <summary>A second bUnit context, in place of another user's circuit in the same server process.</summary>
    private sealed class OtherCircuit : StudioTestContext
    {
    }
}
