using Microsoft.AspNetCore.Components;
using ModelEngine.Studio.Features.Designer;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Designer;

/// <summary>The designer's keyboard path: the toolbox is one tab stop, and a skip button jumps to the canvas.</summary>
public sealed class DesignerKeyboardTests : DesignerTestContext
{
    [Fact]
    public void Toolbox_OneTabStop()
    {
        var toolbox = RenderPage<DesignerToolbox>(p => p.Add(x => x.Descriptors, DesignerFixtures.Descriptors));

        var stops = toolbox.FindAll("[data-testid=toolbox-item][tabindex='0']");
        Assert.Equal(["Elsa.Flowchart"], stops.Select(e => e.GetAttribute("data-activity-type")));
        Assert.True(toolbox.FindAll("[data-testid=toolbox-item]").Count > 3);
        Assert.All(toolbox.FindAll("[data-testid=toolbox-item]"), e => Assert.Equal("toolbox-help", e.GetAttribute("aria-describedby")));
        var navigation = Assert.Single(JSInterop.Invocations, i => i.Identifier == "modelEngineStudio.enableRowNavigation");
        Assert.Equal(".me-toolbox-item", navigation.Arguments[1]);
    }

    [Fact]
    public void Toolbox_TabStopFollowsFocus()
    {
        var toolbox = RenderPage<DesignerToolbox>(p => p.Add(x => x.Descriptors, DesignerFixtures.Descriptors));

        toolbox.Find("[data-activity-type='Test.Task']").Focus();

        Assert.Equal(["Test.Task"], TabStops(toolbox));

        toolbox.Find("input[data-testid=toolbox-search]").Input("User");

        Assert.Equal(["ModelEngine.UserTask"], TabStops(toolbox));
    }

    [Fact]
    public async Task Toolbox_CollapsedCategory_LosesTabStop()
    {
        var toolbox = RenderPage<DesignerToolbox>(p => p.Add(x => x.Descriptors, DesignerFixtures.Descriptors));
        toolbox.Find("[data-activity-type='Test.Task']").Focus();

        var work = toolbox.FindComponents<MudExpansionPanel>().Single(p => p.Instance.Text == "Work");
        await toolbox.InvokeAsync(() => work.Instance.ExpandedChanged.InvokeAsync(false)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["Elsa.Flowchart"], TabStops(toolbox));
    }

    [Fact]
    public void Toolbox_ReadOnly_HasNoTabStop()
    {
        var toolbox = RenderPage<DesignerToolbox>(p => p
            .Add(x => x.Descriptors, DesignerFixtures.Descriptors)
            .Add(x => x.ReadOnly, true));

        Assert.Empty(TabStops(toolbox));
    }

    [Fact]
    public void SkipButton_FocusesTheCanvas()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        page.Find("[data-testid=designer-skip-to-canvas]").Click();

        // The canvas hands its container to the script that draws it, so the focus call must target that element.
        var container = Assert.IsType<ElementReference>(Assert.Single(JSInterop.Invocations, i => i.Identifier == "createCanvas").Arguments[0]);
        var focused = Assert.IsType<ElementReference>(JSInterop.VerifyFocusAsyncInvoke().Arguments[0]);
        Assert.Equal(container.Id, focused.Id);
    }

    private static string[] TabStops(IRenderedComponent<DesignerToolbox> toolbox) =>
        [.. toolbox.FindAll("[data-testid=toolbox-item][tabindex='0']").Select(e => e.GetAttribute("data-activity-type") ?? string.Empty)];
}
