using ModelEngine.Fit.Contracts;

namespace ModelEngine.Samples.Operators.Contracts;

/// <summary>Picks the keywords of a text.</summary>
[Genericable("samples.text.keywords")]
public interface IKeywordExtractor
{
    /// <summary>Returns up to <paramref name="count"/> keywords of <paramref name="text"/>, most relevant first.</summary>
    /// <param name="text">The text to read.</param>
    /// <param name="count">The maximum number of keywords to return; zero or less returns none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keywords in lower case.</returns>
    Task<IReadOnlyList<string>> ExtractKeywordsAsync(string text, int count, CancellationToken cancellationToken);
}
