using ModelEngine.Fit.Contracts;

namespace ModelEngine.Samples.Operators.Contracts;

/// <summary>Summarizes a text in its language.</summary>
[Genericable("samples.text.summarize")]
public interface ITextSummarizer
{
    /// <summary>Returns a short summary of <paramref name="text"/>.</summary>
    /// <param name="text">The text to summarize.</param>
    /// <param name="language">The text's language as a BCP 47 tag such as <c>en</c> or <c>zh</c>; routing rules can pick the fitable by it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary; an empty string for an empty text.</returns>
    Task<string> SummarizeAsync(string text, string language, CancellationToken cancellationToken);
}
