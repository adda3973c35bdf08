using System.Text;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>
/// Collects streamed text and returns the best JSON value so far after each chunk, for showing structured output
/// while the model is still writing it. An instance is for one stream and is not thread-safe.
/// </summary>
public sealed class StreamingJsonParser
{
    private readonly StringBuilder _text = new();

    /// <summary>The text received so far.</summary>
    public string Text => _text.ToString();

    /// <summary>The best value after the last chunk, or <see langword="null"/> before a value has started.</summary>
    public JsonNode? Current { get; private set; }

    /// <summary>Appends a chunk and returns the best value so far. Never throws on malformed text.</summary>
    public JsonNode? Append(string? chunk)
    {
        if (!string.IsNullOrEmpty(chunk))
        {
            _text.Append(chunk);
            Current = PartialJsonParser.Parse(_text.ToString()) ?? Current;
        }

        return Current;
    }
}
