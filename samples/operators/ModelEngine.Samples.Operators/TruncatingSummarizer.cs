using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Samples.Operators;

/// <summary>
/// Summarizes any text by its first <see cref="MaxLength"/> text elements. The other summarizers degrade to it, because
/// it accepts any non-null text in any language. It shows the constructor that takes the host's <see cref="ILogger"/>.
/// </summary>
[Fitable("summarize-truncate", Tags = ["fallback"])]
public sealed partial class TruncatingSummarizer(ILogger logger) : ITextSummarizer
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
        if (info.LengthInTextElements <= MaxLength)
        {
            return Task.FromResult(trimmed);
        }

        LogTruncated(logger, info.LengthInTextElements, MaxLength);
        return Task.FromResult(info.SubstringByTextElements(0, MaxLength));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Truncated a text of {TextLength} text elements to {MaxLength}")]
    private static partial void LogTruncated(ILogger logger, int textLength, int maxLength);
}
