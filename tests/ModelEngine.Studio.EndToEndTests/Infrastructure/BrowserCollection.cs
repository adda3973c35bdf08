namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// Puts every browser test class in one collection so that they run one after another: each class has its own server
/// and browser, and two Chromium instances at once would slow each other on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Studio in Chromium";
}
