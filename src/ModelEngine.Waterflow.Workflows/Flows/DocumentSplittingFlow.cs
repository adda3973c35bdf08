using System.Text.Json.Nodes;

namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>
/// A sample flow, <c>split-document</c>: it splits each document <c>{title, text}</c> into its non-empty paragraphs,
/// holds the paragraphs for review, and counts the words of each released paragraph.
/// </summary>
public static class DocumentSplittingFlow
{
    public const string Name = "split-document";

    public static WaterflowDefinition Definition { get; } = new(
        Name,
        flow => flow.FlatMap(SplitParagraphs),
        flow => flow.Map(CountWords),
        "Splits documents into paragraphs, holds them for review, and counts the words of the released ones.");

    private static IEnumerable<JsonNode?> SplitParagraphs(JsonNode? document)
    {
        var title = document?["title"]?.GetValue<string>() ?? "";
        var text = document?["text"]?.GetValue<string>() ?? document?.ToString() ?? "";
        var paragraphs = text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < paragraphs.Length; i++)
        {
            yield return new JsonObject { ["document"] = title, ["index"] = i, ["text"] = paragraphs[i] };
        }
    }

    private static JsonNode? CountWords(JsonNode? paragraph)
    {
        var result = paragraph?.DeepClone() as JsonObject ?? [];
        var text = result["text"]?.GetValue<string>() ?? "";
        result["words"] = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return result;
    }
}
