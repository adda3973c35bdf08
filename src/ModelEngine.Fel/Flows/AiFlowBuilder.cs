using Microsoft.Extensions.AI;
using ModelEngine.Waterflow;

namespace ModelEngine.Fel;

/// <summary>
/// Builds a FEL flow: a Waterflow flow with model operators. The Waterflow operators are repeated here, and
/// <see cref="Then{TResult}"/> applies any other Waterflow builder call (branches, parallel forks). The model
/// operators that need a typed input (<c>Generate</c>, <c>Retrieve</c>, <c>Split</c>, <c>Parse</c> and the others)
/// are extension methods in <see cref="AiFlowOperators"/>.
/// </summary>
/// <typeparam name="TIn">The type of the items offered to the flow.</typeparam>
/// <typeparam name="T">The type of the items the last node emits.</typeparam>
public sealed class AiFlowBuilder<TIn, T>
{
    internal AiFlowBuilder(FlowBuilder<TIn, T> flow, AiFlowContext context)
    {
        Flow = flow;
        Context = context;
    }

    /// <summary>The wrapped Waterflow builder.</summary>
    public FlowBuilder<TIn, T> Flow { get; }

    internal AiFlowContext Context { get; }

    /// <summary>
    /// Adds a prompt node that renders <paramref name="prompt"/> for each item. The item's values come from a
    /// dictionary's entries, a JSON object's properties, an object's public properties, or a string or other scalar
    /// under <c>{{input}}</c>. In a conversation the history goes in the prompt's history slot. A missing value fails
    /// the item with a <see cref="PromptTemplateException"/>.
    /// </summary>
    public AiFlowBuilder<TIn, IList<ChatMessage>> Prompt(ChatPromptTemplate prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Then(flow => flow.Process<IList<ChatMessage>>((item, collector) =>
        {
            var state = collector.Session.State;
            var history = state.TryGetValue(AiFlowContext.HistoryKey, out var stored) ? stored as IReadOnlyList<ChatMessage> : null;
            var messages = prompt.Render(PromptValues.From(item), history);
            var human = messages
                .Where(message => message.Role == ChatRole.User && (history is null || !history.Contains(message)))
                .ToList();
            state[AiFlowContext.HumanMessagesKey] = human;
            collector.Collect(messages);
        }));
    }

    /// <summary>Applies Waterflow builder calls that this type does not repeat, such as <c>Conditions</c> or <c>Parallel</c>.</summary>
    public AiFlowBuilder<TIn, TResult> Then<TResult>(Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new AiFlowBuilder<TIn, TResult>(build(Flow), Context);
    }

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Map{TResult}(Func{T, TResult})"/>
    public AiFlowBuilder<TIn, TResult> Map<TResult>(Func<T, TResult> map) => Then(flow => flow.Map(map));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Map{TResult}(Func{T, CancellationToken, ValueTask{TResult}})"/>
    public AiFlowBuilder<TIn, TResult> Map<TResult>(Func<T, CancellationToken, ValueTask<TResult>> map) => Then(flow => flow.Map(map));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.FlatMap{TResult}(Func{T, IEnumerable{TResult}})"/>
    public AiFlowBuilder<TIn, TResult> FlatMap<TResult>(Func<T, IEnumerable<TResult>> flatMap) => Then(flow => flow.FlatMap(flatMap));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.FlatMap{TResult}(Func{T, CancellationToken, IAsyncEnumerable{TResult}})"/>
    public AiFlowBuilder<TIn, TResult> FlatMap<TResult>(Func<T, CancellationToken, IAsyncEnumerable<TResult>> stream) => Then(flow => flow.FlatMap(stream));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Process{TResult}(Action{T, IFlowCollector{TResult}})"/>
    public AiFlowBuilder<TIn, TResult> Process<TResult>(Action<T, IFlowCollector<TResult>> process) => Then(flow => flow.Process(process));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Where(Func{T, bool})"/>
    public AiFlowBuilder<TIn, T> Where(Func<T, bool> predicate) => Then(flow => flow.Where(predicate));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.KeyBy{TKey}(Func{T, TKey})"/>
    public AiFlowBuilder<TIn, Keyed<TKey, T>> KeyBy<TKey>(Func<T, TKey> keySelector) => Then(flow => flow.KeyBy(keySelector));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Unify"/>
    public AiFlowBuilder<TIn, T> Unify() => Then(flow => flow.Unify());

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Block(FlowBlock{T})"/>
    public AiFlowBuilder<TIn, T> Block(FlowBlock<T> block) => Then(flow => flow.Block(block));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Window(int)"/>
    public AiFlowBuilder<TIn, T> Window(int count) => Then(flow => flow.Window(count));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Window(TimeSpan)"/>
    public AiFlowBuilder<TIn, T> Window(TimeSpan duration) => Then(flow => flow.Window(duration));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Window(Func{WindowInfo{T}, bool})"/>
    public AiFlowBuilder<TIn, T> Window(Func<WindowInfo<T>, bool> condition) => Then(flow => flow.Window(condition));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Reduce{TResult}(Func{TResult}, Func{TResult, T, TResult})"/>
    public AiFlowBuilder<TIn, TResult> Reduce<TResult>(Func<TResult> seed, Func<TResult, T, TResult> reduce) => Then(flow => flow.Reduce(seed, reduce));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Reduce(Func{T, T, T})"/>
    public AiFlowBuilder<TIn, T> Reduce(Func<T, T, T> reduce) => Then(flow => flow.Reduce(reduce));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Buffer()"/>
    public AiFlowBuilder<TIn, IReadOnlyList<T>> Buffer() => Then(flow => flow.Buffer());

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Buffer(int)"/>
    public AiFlowBuilder<TIn, IReadOnlyList<T>> Buffer(int count) => Then(flow => flow.Buffer(count));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Produce{TResult}(Func{IReadOnlyList{T}, IEnumerable{TResult}})"/>
    public AiFlowBuilder<TIn, TResult> Produce<TResult>(Func<IReadOnlyList<T>, IEnumerable<TResult>> produce) => Then(flow => flow.Produce(produce));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Id(string)"/>
    public AiFlowBuilder<TIn, T> Id(string id) => Then(flow => flow.Id(id));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Concurrency(int)"/>
    public AiFlowBuilder<TIn, T> Concurrency(int concurrency) => Then(flow => flow.Concurrency(concurrency));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Error{TItem}(Action{Exception, TItem, Retryable{TItem}}, int)"/>
    public AiFlowBuilder<TIn, T> Error<TItem>(Action<Exception, TItem, Retryable<TItem>> handler, int maxRetries = 3) =>
        Then(flow => flow.Error(handler, maxRetries));

    /// <inheritdoc cref="FlowBuilder{TIn, T}.To(string)"/>
    public FlowRoute To(string id) => Flow.To(id);

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Close(Action{T, FlowSession}?, Action{FlowSession}?, Action{Exception, FlowSession}?)"/>
    public Flow<TIn, T> Close(
        Action<T, FlowSession>? onResult = null,
        Action<FlowSession>? onSessionComplete = null,
        Action<Exception, FlowSession>? onError = null) => Flow.Close(onResult, onSessionComplete, onError);

    /// <inheritdoc cref="FlowBuilder{TIn, T}.Close(Action{T})"/>
    public Flow<TIn, T> Close(Action<T> onResult) => Flow.Close(onResult);

    /// <inheritdoc cref="FlowBuilder{TIn, T}.ToPublisher(Action{FlowSession}?, Action{Exception, FlowSession}?)"/>
    public PublisherFlow<TIn, T> ToPublisher(Action<FlowSession>? onSessionComplete = null, Action<Exception, FlowSession>? onError = null) =>
        Flow.ToPublisher(onSessionComplete, onError);

    /// <summary>
    /// Ends the flow as a multi-turn conversation. Each <see cref="Conversation{TIn, T}.SendAsync"/> runs one turn:
    /// the prompt gets the memory as history, and afterwards the memory gets the turn's human and assistant messages.
    /// </summary>
    /// <param name="memory">The conversation's memory. A <see cref="RecentChatMemory"/> of 20 messages by default.</param>
    /// <param name="conversationId">The id named in errors and logs. A new GUID by default.</param>
    public Conversation<TIn, T> Converse(IChatMemory? memory = null, string? conversationId = null)
    {
        if (Context.HasConversation)
        {
            throw new InvalidOperationException("This flow already belongs to a conversation. Build the flow again for another conversation.");
        }

        Context.HasConversation = true;
        return new Conversation<TIn, T>(this, memory ?? new RecentChatMemory(), conversationId ?? Guid.NewGuid().ToString("N"));
    }
}
