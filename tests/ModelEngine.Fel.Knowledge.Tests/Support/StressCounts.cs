namespace ModelEngine.Fel.Knowledge.Tests;

/// <summary>Counts for large-input tests: the full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
internal static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sentences in the huge-input splitter test, about 20 cl100k tokens each.</summary>
    public static int HugeInputSentences => IsFull ? 200_000 : 20_000;
}
