using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.AI;
using ModelEngine.Waterflow;

namespace ModelEngine.Fel;

/// <summary>
/// A multi-turn conversation over a FEL flow. One turn runs at a time: a turn sent while another is running is
/// rejected with <see cref="ConversationBusyException"/>.
/// </summary>
/// <typeparam name="TIn">The type of a turn's input.</typeparam>
/// <typeparam name="T">The type of the flow's outputs.</typeparam>
public sealed class Conversation<TIn, T>
{
    private const string TurnKey = "fel.turn";

    private readonly Flow<TIn, T> _flow;
    private readonly AiFlowContext _context;
    private int _busy;

    internal Conversation(AiFlowBuilder<TIn, T> builder, IChatMemory memory, string id)
    {
        _context = builder.Context;
        Memory = memory;
        Id = id;
        _flow = builder.Close(OnResult, onSessionComplete: null, OnError);
    }

    /// <summary>The conversation id, named in <see cref="ConversationBusyException"/>.</summary>
    public string Id { get; }

    /// <summary>The memory that supplies the history and receives each turn's messages.</summary>
    public IChatMemory Memory { get; }

    /// <summary>
    /// Runs one turn with <paramref name="input"/> and returns the reply. After the turn the memory contains the
    /// human messages the prompt rendered (or the input's text when the flow has no prompt) and the assistant reply.
    /// </summary>
    /// <exception cref="ConversationBusyException">A turn of this conversation is still running.</exception>
    /// <remarks>
    /// The first error of a node in this turn is thrown as it was raised, for example the provider's exception,
    /// and the memory is then left unchanged.
    /// </remarks>
    public async Task<ConversationReply<T>> SendAsync(TIn input, CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new ConversationBusyException(Id);
        }

        try
        {
            var turn = new Turn();
            var session = new FlowSession(preserved: true);
            session.State[TurnKey] = turn;
            session.State[AiFlowContext.HistoryKey] = Memory.Messages;
            _context.TurnToken = cancellationToken;

            await _flow.OfferAsync(input, session, cancellationToken).ConfigureAwait(false);
            session.Complete();

            // NOTE: a cancelled turn returns at once, while its session may still drain through the flow.
            await session.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (turn.Errors.TryPeek(out var error))
            {
                ExceptionDispatchInfo.Throw(error);
            }

            var outputs = turn.Outputs.ToList();
            var reply = new ConversationReply<T>(ReplyText(outputs), outputs);
            var human = session.State.TryGetValue(AiFlowContext.HumanMessagesKey, out var rendered) && rendered is IReadOnlyList<ChatMessage> messages
                ? messages
                : [new ChatMessage(ChatRole.User, input?.ToString() ?? string.Empty)];
            foreach (var message in human)
            {
                Memory.Add(message);
            }

            Memory.Add(new ChatMessage(ChatRole.Assistant, reply.Text));
            return reply;
        }
        finally
        {
            _context.TurnToken = CancellationToken.None;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void OnResult(T item, FlowSession session)
    {
        if (session.State.TryGetValue(TurnKey, out var stored) && stored is Turn turn)
        {
            turn.Outputs.Enqueue(item);
        }
    }

    private static void OnError(Exception exception, FlowSession session)
    {
        if (session.State.TryGetValue(TurnKey, out var stored) && stored is Turn turn)
        {
            turn.Errors.Enqueue(exception);
        }
    }

    /// <summary>Returns the reply text: the text of responses, updates and agent results, joined in order.</summary>
    private static string ReplyText(IReadOnlyList<T> outputs)
    {
        var text = new StringBuilder();
        foreach (var output in outputs)
        {
            text.Append(output switch
            {
                null => string.Empty,
                string value => value,
                ChatResponse response => response.Text,
                ChatResponseUpdate update => update.Text,
                GenerationResult result => result.Text,
                AgentResult result => result.Text,
                _ => output.ToString(),
            });
        }

        return text.ToString();
    }

    private sealed class Turn
    {
        public ConcurrentQueue<T> Outputs { get; } = new();

        public ConcurrentQueue<Exception> Errors { get; } = new();
    }
}
