namespace ModelEngine.Samples.Operators.Text;

/// <summary>Finds the end of the first sentence of a text, for Latin and CJK punctuation.</summary>
public static class SentenceSplitter
{
    /// <summary>
    /// Returns the first sentence of <paramref name="text"/>, trimmed. In Latin mode a sentence ends at '.', '!' or '?'
    /// followed by whitespace or the end of the text. In CJK mode it ends at '。', '！' or '？' (full-width), or at
    /// '!' or '?'. A text without an end mark is returned whole.
    /// </summary>
    public static string FirstSentence(string text, bool cjk)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            var ends = cjk
                ? c is '。' or '！' or '？' or '!' or '?'
                : c is '.' or '!' or '?' && (i + 1 == trimmed.Length || char.IsWhiteSpace(trimmed[i + 1]));
            if (ends)
            {
                return trimmed[..(i + 1)].ToString();
            }
        }

        return trimmed.ToString();
    }
}
