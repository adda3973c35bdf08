using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Splits documents into chunks by tokens with overlap, embeds them and indexes them into a knowledge base, through the
/// server's knowledge ingestor. A document whose id was indexed before is replaced. Progress goes to the journal, at
/// most about ten entries per run, and a final entry gives the totals.
/// </summary>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Splits, embeds and indexes documents into a knowledge base.", DisplayName = "Split and index")]
public sealed class SplitAndIndex : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".SplitAndIndex";

    /// <summary>The journal event of an intermediate progress report.</summary>
    public const string ProgressEvent = "IndexingProgress";

    /// <summary>The journal event written when every document is indexed.</summary>
    public const string IndexedEvent = "IndexingCompleted";

    [Input(Description = "The knowledge base's name, such as 'policies'.", IsRequired = true, Order = 0)]
    public Input<string>? KnowledgeBase { get; set; }

    [Input(Description = "The documents: an array of {id, text, metadata?}, where metadata is an object of strings such as {\"title\": \"Refunds\"}.",
        UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", IsRequired = true, Order = 1)]
    public Input<object>? Documents { get; set; }

    [Input(Description = "The maximum tokens in a chunk. 200 by default.", DefaultValue = 200, Order = 2)]
    public Input<int?>? ChunkTokens { get; set; }

    [Input(Description = "The tokens a chunk repeats from the end of the one before it. 20 by default; less than chunkTokens.", DefaultValue = 20, Order = 3)]
    public Input<int?>? OverlapTokens { get; set; }

    [Output(Description = "The totals: {documents, chunks, indexed}.")]
    public Output<object>? Result { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        var hasChunk = LiteralInputs.TryReadValue(ChunkTokens, out var chunk);
        if (hasChunk && chunk < 1)
        {
            yield return new ValidationError(Id, "chunkTokens", chunk.ToString(), $"Activity '{Id}' (SplitAndIndex) has chunkTokens {chunk}. Use 1 or more.");
        }

        if (LiteralInputs.TryReadValue(OverlapTokens, out var overlap) && (overlap < 0 || (hasChunk && overlap >= (chunk ?? 200))))
        {
            yield return new ValidationError(Id, "overlapTokens", overlap.ToString(), OverlapMessage(overlap!.Value, chunk ?? 200));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (SplitAndIndex)";
        var name = await context.EvaluateAsync(KnowledgeBase, "knowledgeBase");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"{describe} has no knowledge base. Set 'knowledgeBase' to a name such as 'policies'.");
        }

        var documents = ReadDocuments(FelInputs.AsJson(await context.EvaluateAsync(Documents, "documents"), $"{describe} input 'documents'"), describe);
        var defaults = new IngestionSettings();
        var chunkTokens = await context.EvaluateAsync(ChunkTokens, "chunkTokens") ?? defaults.ChunkTokens;
        var overlapTokens = await context.EvaluateAsync(OverlapTokens, "overlapTokens") ?? defaults.OverlapTokens;
        if (chunkTokens < 1)
        {
            throw new WorkflowFaultException($"{describe} has chunkTokens {chunkTokens}. Use 1 or more.");
        }

        if (overlapTokens < 0 || overlapTokens >= chunkTokens)
        {
            throw new WorkflowFaultException(OverlapMessage(overlapTokens, chunkTokens));
        }

        var ingestor = FelServices.GetRequired<IKnowledgeIngestor>(context, describe, "the FEL knowledge module (AddFelKnowledge)");
        var sampler = new IngestionProgressSampler(documents.Count);
        var started = context.TimeProvider.GetTimestamp();
        IngestionProgress totals;
        try
        {
            totals = await ingestor.IngestAsync(
                name,
                ToAsync(documents, context.CancellationToken),
                defaults with { ChunkTokens = chunkTokens, OverlapTokens = overlapTokens },
                sampler,
                context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw new WorkflowFaultException($"{describe} failed to index into knowledge base '{name}': {exception.Message}");
        }

        var elapsed = context.TimeProvider.GetElapsedTime(started);
        foreach (var sample in sampler.Samples.Where(sample => sample.Documents < totals.Documents))
        {
            context.Journal(ProgressEvent, $"Read {sample.Documents} of {documents.Count} documents; {sample.Indexed} of {sample.Chunks} chunks indexed.", Describe(sample));
        }

        var result = Describe(totals);
        context.Journal(IndexedEvent, $"Indexed {totals.Indexed} chunks of {totals.Documents} documents into '{name}' in {elapsed.TotalMilliseconds:0.#} ms.", result.DeepClone());
        context.SetOutput("result", result, Result);
        await context.CompleteAsync();
    }

    /// <summary>Reads the documents array.</summary>
    internal static List<KnowledgeDocument> ReadDocuments(JsonNode? node, string describe)
    {
        if (node is not JsonArray array)
        {
            throw new WorkflowFaultException(
                $"{describe} input 'documents' must be an array of {{id, text, metadata?}}, not {(node is null ? "empty" : node.GetValueKind().ToString())}.");
        }

        var documents = new List<KnowledgeDocument>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item
                || item["id"] is not JsonValue idValue || !idValue.TryGetValue(out string? id) || string.IsNullOrWhiteSpace(id)
                || item["text"] is not JsonValue textValue || !textValue.TryGetValue(out string? text))
            {
                throw new WorkflowFaultException(
                    $"{describe} input 'documents' item {i} needs a string 'id' and a string 'text': {array[i]?.ToJsonString() ?? "null"}.");
            }

            Dictionary<string, string>? metadata = null;
            if (item["metadata"] is JsonObject values)
            {
                metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in values)
                {
                    metadata[key] = value is JsonValue plain && plain.TryGetValue(out string? s) ? s : value?.ToJsonString() ?? string.Empty;
                }
            }

            documents.Add(new KnowledgeDocument(id, text, metadata));
        }

        return documents;
    }

    private static JsonObject Describe(IngestionProgress progress) => new()
    {
        ["documents"] = progress.Documents,
        ["chunks"] = progress.Chunks,
        ["indexed"] = progress.Indexed,
    };

    private static async IAsyncEnumerable<KnowledgeDocument> ToAsync(List<KnowledgeDocument> documents, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
        }

        await Task.CompletedTask;
    }

    private string OverlapMessage(int overlap, int chunk) =>
        $"Activity '{Id}' (SplitAndIndex) has overlapTokens {overlap} with chunkTokens {chunk}. Use 0 or more and less than chunkTokens.";
}
