using ModelEngine.Studio.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Scenarios;

/// <summary>The purchase approval from design to the finished instance, in English and in Chinese.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Scenario")]
public sealed class PurchaseApprovalTests(StudioFixture fixture, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [ChromiumFact]
    public Task PurchaseApproval_English() => RunAsync(StudioLanguage.English, nameof(PurchaseApproval_English));

    [ChromiumFact]
    public Task PurchaseApproval_Chinese() => RunAsync(StudioLanguage.Chinese, nameof(PurchaseApproval_Chinese));

    private async Task RunAsync(string language, string testName)
    {
        await using var session = fixture.Open(output, testName);
        var flow = new PurchaseApprovalFlow(fixture, session, output, language);

        var designed = await flow.DesignAsync();
        output.WriteLine($"dave published {designed.DefinitionId}.");
        var instanceId = await flow.StartAsync(designed);
        output.WriteLine($"alice started instance {instanceId}.");
        await flow.ApproveAsync();
        output.WriteLine("bob approved the task.");
        await flow.VerifyAsync(designed, instanceId);

        session.Pass();
    }
}
