using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Samples.Operators;

/// <summary>
/// Counts words in UTF-8 bytes in place, with no decoding and no allocation: a word starts at each byte that is not
/// ASCII whitespace and follows ASCII whitespace or the start. Non-ASCII spaces such as U+3000 do not separate words.
/// </summary>
[Fitable("word-count-utf8", IsDefault = true)]
public sealed class Utf8WordCounter : IWordCounter
{
    private const int CancellationCheckInterval = 1 << 20;

    /// <inheritdoc />
    public ValueTask<long> CountWordsAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        var bytes = document.Span;
        long count = 0;
        var inWord = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if ((i & (CancellationCheckInterval - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var space = bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return ValueTask.FromResult(count);
    }
}
