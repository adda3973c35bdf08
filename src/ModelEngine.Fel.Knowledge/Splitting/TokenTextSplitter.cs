using Microsoft.ML.Tokenizers;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// Splits documents into chunks of at most a given number of tokens, each repeating some tokens from the end of the
/// one before. Tokens are counted with the cl100k_base tokenizer (Microsoft.ML.Tokenizers) unless another tokenizer
/// is given. Inside each window the splitter cuts at the last paragraph break, else the last sentence end, else the
/// last line break, else the last space, as long as that keeps the chunk at least half the window long.
/// </summary>
/// <remarks>
/// Chunk ids are <c>{documentId}#{index}</c>. MiniLM reads at most 256 of its own word pieces per input and ignores
/// the rest. cl100k_base tokens and MiniLM word pieces count English prose similarly, but not identically, so keep
/// chunks well below 256 tokens (the default is 200) when MiniLM embeds them.
/// </remarks>
public sealed class TokenTextSplitter
{
    // The characters per requested token handed to the tokenizer, so that a large document is never tokenized whole.
    // cl100k_base tokens of prose are far shorter. NOTE: a run of tokens longer than this on average is cut at the
    // window's end, which can make that chunk shorter than the token limit.
    private const int MaxCharsPerToken = 32;

    private static readonly Lazy<TokenTextSplitter> SharedDefault = new(() => new TokenTextSplitter(TiktokenTokenizer.CreateForEncoding("cl100k_base")));

    private readonly Tokenizer _tokenizer;

    /// <summary>Creates a splitter that counts tokens with <paramref name="tokenizer"/>.</summary>
    public TokenTextSplitter(Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
    }

    /// <summary>A shared splitter over cl100k_base. The tokenizer data is loaded on first use.</summary>
    public static TokenTextSplitter Default => SharedDefault.Value;

    /// <summary>Returns the number of tokens in <paramref name="text"/>.</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.CountTokens(text);
    }

    /// <summary>Splits <paramref name="document"/> with the chunk and overlap sizes of <paramref name="settings"/>.</summary>
    public IReadOnlyList<KnowledgeChunk> Split(KnowledgeDocument document, IngestionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Split(document, settings.ChunkTokens, settings.OverlapTokens);
    }

    /// <summary>
    /// Splits <paramref name="document"/> into chunks of at most <paramref name="chunkTokens"/> tokens, each starting
    /// <paramref name="overlapTokens"/> tokens before the end of the one before. Empty or blank text gives no chunks.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is below 1, or the overlap is negative or not below the chunk size.</exception>
    public IReadOnlyList<KnowledgeChunk> Split(KnowledgeDocument document, int chunkTokens, int overlapTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        ValidateSizes(chunkTokens, overlapTokens);
        var text = document.Text ?? string.Empty;
        var chunks = new List<KnowledgeChunk>();
        var start = SkipWhitespace(text, 0);
        while (start < text.Length)
        {
            var end = FindChunkEnd(text, start, chunkTokens);
            var chunkText = text[start..end].Trim();
            if (chunkText.Length > 0)
            {
                var index = chunks.Count;
                chunks.Add(new KnowledgeChunk($"{document.Id}#{index}", document.Id, index, chunkText, document.Metadata));
            }

            if (end >= text.Length)
            {
                break;
            }

            start = SkipWhitespace(text, NextStart(text, start, end, overlapTokens));
        }

        return chunks;
    }

    private static void ValidateSizes(int chunkTokens, int overlapTokens)
    {
        if (chunkTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkTokens), chunkTokens, "ChunkTokens must be at least 1.");
        }

        if (overlapTokens < 0 || overlapTokens >= chunkTokens)
        {
            throw new ArgumentOutOfRangeException(
                nameof(overlapTokens),
                overlapTokens,
                $"OverlapTokens must be from 0 to ChunkTokens - 1 ({chunkTokens - 1}), so that every chunk moves forward.");
        }
    }

    // The end (exclusive) of the chunk that starts at start: a boundary inside the last half of the token window.
    private int FindChunkEnd(string text, int start, int chunkTokens)
    {
        var windowLength = (int)Math.Min(text.Length - start, (long)chunkTokens * MaxCharsPerToken);
        var fit = _tokenizer.GetIndexByTokenCount(
            text.AsSpan(start, windowLength), chunkTokens, out _, out _, considerPreTokenization: true, considerNormalization: false);
        var fitEnd = start + fit;
        if (fitEnd >= text.Length)
        {
            return text.Length;
        }

        if (fit == 0)
        {
            // The first token does not fit in the window. Cut one character (or one surrogate pair) so that the loop
            // always moves forward.
            return char.IsHighSurrogate(text[start]) && start + 1 < text.Length ? start + 2 : start + 1;
        }

        var earliest = start + Math.Max(1, fit / 2);
        return FindBoundary(text, earliest, fitEnd) ?? fitEnd;
    }

    // The best cut in [earliest, latest]: after a paragraph break, after a sentence end, after a line break or after a space.
    private static int? FindBoundary(string text, int earliest, int latest)
    {
        int? sentence = null;
        int? line = null;
        int? space = null;
        for (var i = latest - 1; i >= earliest; i--)
        {
            var c = text[i];
            if (c == '\n' && i > 0 && text[i - 1] == '\n')
            {
                return i + 1;
            }

            if (sentence is null && char.IsWhiteSpace(c) && i > 0 && text[i - 1] is '.' or '!' or '?')
            {
                sentence = i;
            }
            else if (line is null && c == '\n')
            {
                line = i + 1;
            }
            else if (space is null && char.IsWhiteSpace(c))
            {
                space = i;
            }
        }

        return sentence ?? line ?? space;
    }

    // The start of the next chunk: overlapTokens before end, moved forward to a word start, and always after start.
    private int NextStart(string text, int start, int end, int overlapTokens)
    {
        if (overlapTokens == 0)
        {
            return end;
        }

        var chunk = text.AsSpan(start, end - start);
        var from = _tokenizer.GetIndexByTokenCountFromEnd(
            chunk, overlapTokens, out _, out _, considerPreTokenization: true, considerNormalization: false);
        var next = start + from;
        if (next > start && next < end && !char.IsWhiteSpace(text[next - 1]))
        {
            var space = text.AsSpan(next, end - next).IndexOfAny(" \t\r\n");
            if (space >= 0)
            {
                next += space + 1;
            }
        }

        return next > start ? next : end;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }
}
