using System.Globalization;
using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Samples.Operators;

/// <summary>
/// Summarizes any text by its first <see cref="MaxLength"/> text elements. The other summarizers degrade to it, because
/// it cannot fail on any input.
/// </summary>
[Fitable("summarize-truncate", Tags = ["fallback"])]
public sealed class TruncatingSummarizer : ITextSummarizer
{
    /// <summary>The maximum summary length, in text elements (user-perceived characters).</summary>
    public const int MaxLength = 80;

    /// <inheritdoc />
    public Task<string> SummarizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var trimmed = text.Trim();
        var info = new StringInfo(trimmed);
        return Task.FromResult(info.LengthInTextElements <= MaxLength ? trimmed : info.SubstringByTextElements(0, MaxLength));
    }
}
