using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Samples.Operators;

/// <summary>
/// Picks keywords by frequency: words of at least <see cref="MinWordLength"/> letters or digits, lower-cased with the
/// invariant culture, ordered by count and then alphabetically, so equal inputs give equal outputs.
/// </summary>
[Fitable("keywords-frequency", IsDefault = true)]
public sealed class FrequencyKeywordExtractor : IKeywordExtractor
{
    /// <summary>The minimum keyword length, in UTF-16 code units.</summary>
    public const int MinWordLength = 4;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ExtractKeywordsAsync(string text, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        if (count <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= MinWordLength)
                {
                    var word = text[start..i].ToLowerInvariant();
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }

                start = -1;
            }
        }

        IReadOnlyList<string> keywords = counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(p => p.Key)
            .ToArray();
        return Task.FromResult(keywords);
    }
}
