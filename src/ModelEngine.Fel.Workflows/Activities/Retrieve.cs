using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Searches a knowledge base and stores the best chunks with their scores, plus their texts joined into one context
/// for a prompt. Hybrid search fuses the keyword (BM25) and vector rankings by reciprocal rank.
/// </summary>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Finds the best chunks of a knowledge base for a query.", DisplayName = "Retrieve")]
public sealed class Retrieve : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Retrieve";

    /// <summary>The journal event written after each search.</summary>
    public const string RetrievedEvent = "KnowledgeRetrieved";

    /// <summary>The text between two chunks in <see cref="Context"/>.</summary>
    public const string ContextSeparator = "\n\n---\n\n";

    [Input(Description = "The knowledge base's name, such as 'policies'.", IsRequired = true, Order = 0)]
    public Input<string>? KnowledgeBase { get; set; }

    [Input(Description = "The search text, such as the customer's question.", UIHint = UIHints.MultiLine, IsRequired = true, Order = 1)]
    public Input<string>? Query { get; set; }

    [Input(Description = "The number of chunks returned. 5 by default.", DefaultValue = 5, Order = 2)]
    public Input<int?>? TopK { get; set; }

    [Input(Description = "Hybrid (keywords and vectors fused, the default), Keyword (BM25 only) or Vector (embeddings only).", UIHint = UIHints.Dropdown,
        Options = ["Hybrid", "Keyword", "Vector"], DefaultValue = "Hybrid", Order = 3)]
    public Input<string>? Mode { get; set; }

    [Input(Description = "Reorders the candidates with the knowledge base's reranker, when it has one. Off by default.", UIHint = UIHints.Checkbox, Order = 4)]
    public Input<bool>? Rerank { get; set; }

    [Input(Description = "Drops chunks that score lower. Empty keeps every chunk. Scores of different modes do not compare.", Category = "Advanced", Order = 5)]
    public Input<double?>? MinScore { get; set; }

    [Output(Description = "The chunks found, best first: an array of {id, documentId, text, score, metadata}.")]
    public Output<object>? Documents { get; set; }

    [Output(Description = "The chunks' texts joined for a prompt, best first.")]
    public Output<string>? Context { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        if (LiteralInputs.ReadString(Mode) is { Value: { Length: > 0 } mode } && !Enum.TryParse<RetrievalMode>(mode, ignoreCase: true, out _))
        {
            yield return new ValidationError(Id, "mode", mode, ModeMessage(mode));
        }

        if (LiteralInputs.TryReadValue(TopK, out var topK) && topK < 1)
        {
            yield return new ValidationError(Id, "topK", topK.ToString(), TopKMessage(topK.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Retrieve)";
        var name = await context.EvaluateAsync(KnowledgeBase, "knowledgeBase");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"{describe} has no knowledge base. Set 'knowledgeBase' to a name such as 'policies'.");
        }

        var query = await context.EvaluateAsync(Query, "query");
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new WorkflowFaultException($"{describe} has an empty 'query'. Set the text to search for.");
        }

        var options = await ReadOptionsAsync(context);
        var provider = FelServices.GetRequired<IKnowledgeBaseProvider>(context, describe, "the FEL knowledge module (AddFelKnowledge)");
        var started = context.TimeProvider.GetTimestamp();
        IKnowledgeBase knowledgeBase;
        try
        {
            knowledgeBase = await provider.GetAsync(name, context.CancellationToken);
        }
        catch (ArgumentException exception)
        {
            throw new WorkflowFaultException($"{describe} cannot open knowledge base '{name}': {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw new WorkflowFaultException($"{describe} failed to open knowledge base '{name}': {exception.Message}");
        }

        IReadOnlyList<RetrievedChunk> chunks;
        try
        {
            chunks = await knowledgeBase.SearchAsync(query, options, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw new WorkflowFaultException($"{describe} failed to search knowledge base '{name}': {exception.Message}");
        }

        var elapsed = context.TimeProvider.GetElapsedTime(started);
        context.SetOutput("documents", ToJson(chunks), Documents);
        context.SetOutput("context", JsonValue.Create(string.Join(ContextSeparator, chunks.Select(chunk => chunk.Chunk.Text))), Context);
        context.Journal(RetrievedEvent, $"Knowledge base '{name}' returned {chunks.Count} chunks in {elapsed.TotalMilliseconds:0.#} ms.", new JsonObject
        {
            ["knowledgeBase"] = name,
            ["mode"] = options.Mode.ToString(),
            ["topK"] = options.TopK,
            ["returned"] = chunks.Count,
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds, 1),
        });
        await context.CompleteAsync();
    }

    /// <summary>Writes chunks as <c>[{id, documentId, text, score, metadata}]</c>.</summary>
    internal static JsonArray ToJson(IEnumerable<RetrievedChunk> chunks)
    {
        var array = new JsonArray();
        foreach (var (chunk, score) in chunks)
        {
            JsonObject? metadata = null;
            if (chunk.Metadata is { Count: > 0 })
            {
                metadata = [];
                foreach (var (key, value) in chunk.Metadata)
                {
                    metadata[key] = value;
                }
            }

            array.Add(new JsonObject
            {
                ["id"] = chunk.Id,
                ["documentId"] = chunk.DocumentId,
                ["text"] = chunk.Text,
                ["score"] = score,
                ["metadata"] = metadata,
            });
        }

        return array;
    }

    private async ValueTask<RetrievalOptions> ReadOptionsAsync(ActivityExecutionContext context)
    {
        var topK = await context.EvaluateAsync(TopK, "topK") ?? new RetrievalOptions().TopK;
        if (topK < 1)
        {
            throw new WorkflowFaultException(TopKMessage(topK));
        }

        var modeText = await context.EvaluateAsync(Mode, "mode");
        var mode = RetrievalMode.Hybrid;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new WorkflowFaultException(ModeMessage(modeText));
        }

        var rerank = await context.EvaluateAsync(Rerank, "rerank");
        var minScore = await context.EvaluateAsync(MinScore, "minScore");
        var defaults = new RetrievalOptions();
        return new RetrievalOptions
        {
            TopK = topK,
            Mode = mode,
            Rerank = rerank,
            MinScore = minScore,
            Candidates = Math.Max(defaults.Candidates, topK),
        };
    }

    private string ModeMessage(string mode) =>
        $"Activity '{Id}' (Retrieve) has the mode '{mode}'. Use Hybrid, Keyword or Vector.";

    private string TopKMessage(int topK) =>
        $"Activity '{Id}' (Retrieve) has topK {topK}. Use 1 or more, or leave it empty for 5.";
}
