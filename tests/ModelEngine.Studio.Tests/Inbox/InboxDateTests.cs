using ModelEngine.Studio.Features.Inbox;

namespace ModelEngine.Studio.Tests.Inbox;

/// <summary>The inbox shows times like every other screen: UTC, year first, with the zone named.</summary>
public sealed class InboxDateTests : InboxTestContext
{
    [Fact]
    public void Inbox_ShowsCreatedTimeInUtc()
    {
        ScriptSearch(TaskJson("t1"));

        var page = Render<InboxPage>();

        page.WaitForAssertion(
            () => Assert.Contains("2026-12-05 08:00 UTC", page.Find("[data-testid=task-row]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
    }
}
