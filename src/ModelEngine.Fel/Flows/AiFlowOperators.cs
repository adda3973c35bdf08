using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>The FEL operators that need a typed input: generate, retrieve, split, index, parse and delegate.</summary>
public static class AiFlowOperators
{
    private const string PartialParserKey = "fel.partial";

    /// <summary>Adds an asynchronous node that sends each item's messages to <paramref name="client"/> and emits the whole response.</summary>
    public static AiFlowBuilder<TIn, ChatResponse> Generate<TIn>(
        this AiFlowBuilder<TIn, IList<ChatMessage>> flow,
        IChatClient client,
        ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(client);
        var context = flow.Context;
        return flow.Map(async (messages, ct) =>
        {
            using var linked = context.Link(ct);
            return await client.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
        });
    }

    /// <summary>Adds an asynchronous node that sends each item's messages to <paramref name="client"/> and emits the response text.</summary>
    public static AiFlowBuilder<TIn, string> GenerateText<TIn>(
        this AiFlowBuilder<TIn, IList<ChatMessage>> flow,
        IChatClient client,
        ChatOptions? options = null) =>
        flow.Generate(client, options).Map(response => response.Text);

    /// <summary>
    /// Adds a streaming node that sends each item's messages to <paramref name="client"/> and emits every
    /// <see cref="ChatResponseUpdate"/> as it arrives, with backpressure: the next update is read only when the next
    /// edge has credit. The time to first token is recorded on the histogram <c>fel.generation.time_to_first_token</c>
    /// and in the first text update's <c>AdditionalProperties["fel.time_to_first_token_ms"]</c>.
    /// </summary>
    /// <param name="flow">The flow whose items are the messages of one request.</param>
    /// <param name="client">The chat model.</param>
    /// <param name="options">The request options, or null for the client's defaults.</param>
    /// <param name="timeProvider">The clock for the time to first token. <see cref="TimeProvider.System"/> by default.</param>
    public static AiFlowBuilder<TIn, ChatResponseUpdate> GenerateStream<TIn>(
        this AiFlowBuilder<TIn, IList<ChatMessage>> flow,
        IChatClient client,
        ChatOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(client);
        var context = flow.Context;
        var clock = timeProvider ?? TimeProvider.System;
        return flow.FlatMap((messages, ct) => StreamAsync(client, messages, options, clock, context, ct));
    }

    /// <summary>Adds an asynchronous node that searches <paramref name="knowledgeBase"/> with each query and emits the best chunks, best first.</summary>
    public static AiFlowBuilder<TIn, IReadOnlyList<RetrievedChunk>> Retrieve<TIn>(
        this AiFlowBuilder<TIn, string> flow,
        IKnowledgeBase knowledgeBase,
        RetrievalOptions? options = null) =>
        flow.Retrieve(knowledgeBase, query => query, options);

    /// <summary>Adds an asynchronous node that searches <paramref name="knowledgeBase"/> with the query <paramref name="query"/> selects from each item.</summary>
    public static AiFlowBuilder<TIn, IReadOnlyList<RetrievedChunk>> Retrieve<TIn, T>(
        this AiFlowBuilder<TIn, T> flow,
        IKnowledgeBase knowledgeBase,
        Func<T, string> query,
        RetrievalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(query);
        var context = flow.Context;
        return flow.Map(async (item, ct) =>
        {
            using var linked = context.Link(ct);
            return await knowledgeBase.SearchAsync(query(item), options, linked.Token).ConfigureAwait(false);
        });
    }

    /// <summary>Adds a node that splits each document into chunks with <paramref name="splitter"/>.</summary>
    public static AiFlowBuilder<TIn, KnowledgeChunk> Split<TIn>(this AiFlowBuilder<TIn, KnowledgeDocument> flow, ITextSplitter splitter)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(splitter);
        return flow.FlatMap(splitter.Split);
    }

    /// <summary>Adds a node that splits each document into chunks with <paramref name="split"/>.</summary>
    public static AiFlowBuilder<TIn, KnowledgeChunk> Split<TIn>(
        this AiFlowBuilder<TIn, KnowledgeDocument> flow,
        Func<KnowledgeDocument, IEnumerable<KnowledgeChunk>> split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return flow.Split(new DelegateTextSplitter(split));
    }

    /// <summary>
    /// Adds nodes that index chunks into <paramref name="knowledgeBase"/> in batches of <paramref name="batchSize"/>
    /// and emit each indexed batch. A session's last batch may be smaller, and it is indexed when the session completes.
    /// </summary>
    public static AiFlowBuilder<TIn, IReadOnlyList<KnowledgeChunk>> Index<TIn>(
        this AiFlowBuilder<TIn, KnowledgeChunk> flow,
        IKnowledgeBase knowledgeBase,
        int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var context = flow.Context;
        return flow.Buffer(batchSize).Map(async (batch, ct) =>
        {
            using var linked = context.Link(ct);
            await knowledgeBase.IndexAsync(batch, linked.Token).ConfigureAwait(false);
            return batch;
        });
    }

    /// <summary>Adds a node that parses each text's JSON value, tolerant of markdown fences and prose.</summary>
    public static AiFlowBuilder<TIn, JsonNode?> ParseJson<TIn>(this AiFlowBuilder<TIn, string> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Map(JsonOutputParser.Parse);
    }

    /// <summary>Adds a node that parses each text and validates it against <paramref name="parser"/>'s schema.</summary>
    public static AiFlowBuilder<TIn, JsonNode?> Parse<TIn>(this AiFlowBuilder<TIn, string> flow, StructuredOutputParser parser)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(parser);
        return flow.Map(parser.Parse);
    }

    /// <summary>Adds a node that parses each response's text and validates it against <paramref name="parser"/>'s schema.</summary>
    public static AiFlowBuilder<TIn, JsonNode?> Parse<TIn>(this AiFlowBuilder<TIn, ChatResponse> flow, StructuredOutputParser parser)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(parser);
        return flow.Map(response => parser.Parse(response.Text));
    }

    /// <summary>
    /// Adds a node that parses the streamed text of a session as partial JSON and emits the best value so far after
    /// each update that carries text. Each session has its own parser.
    /// </summary>
    public static AiFlowBuilder<TIn, JsonNode> ParsePartial<TIn>(this AiFlowBuilder<TIn, ChatResponseUpdate> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Process<JsonNode>((update, collector) =>
        {
            if (string.IsNullOrEmpty(update.Text))
            {
                return;
            }

            var parser = (StreamingJsonParser)collector.Session.State.GetOrAdd(PartialParserKey, _ => new StreamingJsonParser())!;
            if (parser.Append(update.Text) is { } current)
            {
                collector.Collect(current.DeepClone());
            }
        });
    }

    /// <summary>Adds an asynchronous node that runs <paramref name="agent"/>'s tool loop on each item's messages.</summary>
    public static AiFlowBuilder<TIn, AgentResult> Delegate<TIn>(
        this AiFlowBuilder<TIn, IList<ChatMessage>> flow,
        FelAgent agent,
        ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(agent);
        var context = flow.Context;
        return flow.Map(async (messages, ct) =>
        {
            using var linked = context.Link(ct);
            return await agent.RunAsync(messages, options, linked.Token).ConfigureAwait(false);
        });
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? options,
        TimeProvider clock,
        AiFlowContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = context.Link(cancellationToken);
        var started = clock.GetTimestamp();
        var firstToken = false;
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, linked.Token).ConfigureAwait(false))
        {
            if (!firstToken && !string.IsNullOrEmpty(update.Text))
            {
                firstToken = true;
                var elapsed = clock.GetElapsedTime(started).TotalMilliseconds;
                FelFlowMetrics.TimeToFirstToken.Record(elapsed);
                update.AdditionalProperties ??= [];
                update.AdditionalProperties[FelFlowMetrics.TimeToFirstTokenProperty] = elapsed;
            }

            yield return update;
        }
    }
}
