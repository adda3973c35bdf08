using ModelEngine.Studio.Layout;

namespace ModelEngine.Studio.Tests;

public sealed class ShellTests : StudioTestContext
{
    [Fact]
    public void NavMenu_ForAManager_HidesTheDesigner()
    {
        var menu = Render<NavMenu>();

        Assert.NotEmpty(menu.FindAll("[data-testid=nav-inbox]"));
        Assert.Empty(menu.FindAll("[data-testid=nav-definitions]"));
    }

    [Fact]
    public void NavMenu_ForADesigner_ShowsTheDesigner()
    {
        SignIn("dave", "designers");

        var menu = Render<NavMenu>();

        Assert.NotEmpty(menu.FindAll("[data-testid=nav-definitions]"));
    }
}
