using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;
using ModelEngine.Samples.Operators.Text;

namespace ModelEngine.Samples.Operators;

/// <summary>Summarizes a Latin-script text by its first sentence. The default summarizer.</summary>
[Fitable("summarize-en", IsDefault = true, Aliases = ["first-sentence"], Tags = ["language:en"], DegradesTo = "summarize-truncate")]
public sealed class EnglishSummarizer : ITextSummarizer
{
    /// <inheritdoc />
    public Task<string> SummarizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SentenceSplitter.FirstSentence(text, cjk: false));
    }
}
