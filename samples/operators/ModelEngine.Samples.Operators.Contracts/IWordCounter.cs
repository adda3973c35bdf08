using ModelEngine.Fit.Contracts;

namespace ModelEngine.Samples.Operators.Contracts;

/// <summary>Counts the words of a UTF-8 document without decoding it to a string.</summary>
[Genericable("samples.text.word-count")]
public interface IWordCounter
{
    /// <summary>Counts the words of <paramref name="document"/>.</summary>
    /// <param name="document">The document as UTF-8 bytes. It may be large (tens of megabytes), so callers pass it by shared-memory handle and implementations read it in place.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of words, where a word is a run of bytes between ASCII whitespace.</returns>
    ValueTask<long> CountWordsAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
