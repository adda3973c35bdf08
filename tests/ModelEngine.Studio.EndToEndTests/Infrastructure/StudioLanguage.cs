namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>The studio's two UI cultures, as they appear in data-testid values, html lang and screenshot names.</summary>
public static class StudioLanguage
{
    public const string English = "en";

    public const string Chinese = "zh-CN";
}
