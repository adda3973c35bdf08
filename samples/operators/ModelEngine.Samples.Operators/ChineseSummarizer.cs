using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;
using ModelEngine.Samples.Operators.Text;

namespace ModelEngine.Samples.Operators;

/// <summary>Summarizes a Chinese text by its first sentence, which ends at a full-width end mark.</summary>
[Fitable("summarize-zh", Aliases = ["summarize-cjk"], Tags = ["language:zh"], DegradesTo = "summarize-truncate")]
public sealed class ChineseSummarizer : ITextSummarizer
{
    /// <inheritdoc />
    public Task<string> SummarizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SentenceSplitter.FirstSentence(text, cjk: true));
    }
}
