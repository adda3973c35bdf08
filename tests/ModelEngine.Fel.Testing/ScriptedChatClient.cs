using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Testing;

/// <summary>
/// An <see cref="IChatClient"/> that responds from a script, for tests. Each call takes the next scripted turn: text
/// chunks (streamed one update per chunk, with an optional delay from the client's <see cref="TimeProvider"/>), tool
/// calls, or a failure. Every call is recorded in <see cref="Requests"/>.
/// </summary>
/// <remarks>
/// When the script is empty, the fallback set by <see cref="Otherwise"/> answers; without one the call fails with a
/// message that says how many turns were scripted, so a test that makes one call too many fails clearly.
/// </remarks>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<Turn> _turns = new();
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private readonly TimeProvider _timeProvider;
    private Func<IReadOnlyList<ChatMessage>, string>? _fallback;
    private int _scripted;

    public ScriptedChatClient(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The calls received, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests => _requests.ToList();

    /// <summary>The scripted turns not used yet.</summary>
    public int Remaining => _turns.Count;

    /// <summary>Scripts a turn that responds with <paramref name="chunks"/>, one streamed update per chunk.</summary>
    public ScriptedChatClient Reply(params string[] chunks) => ReplyWithDelay(TimeSpan.Zero, chunks);

    /// <summary>Scripts a turn that waits <paramref name="delayPerChunk"/> before each chunk.</summary>
    public ScriptedChatClient ReplyWithDelay(TimeSpan delayPerChunk, params string[] chunks)
    {
        Enqueue(new Turn(chunks, delayPerChunk, [], null, 0));
        return this;
    }

    /// <summary>Scripts a turn that requests one tool call.</summary>
    public ScriptedChatClient CallTool(string name, IDictionary<string, object?>? arguments = null, string? callId = null)
    {
        Enqueue(new Turn([], TimeSpan.Zero, [new FunctionCallContent(callId ?? $"call-{_scripted + 1}", name, arguments ?? new Dictionary<string, object?>())], null, 0));
        return this;
    }

    /// <summary>Scripts a turn that requests several tool calls at once.</summary>
    public ScriptedChatClient CallTools(params FunctionCallContent[] calls)
    {
        Enqueue(new Turn([], TimeSpan.Zero, calls, null, 0));
        return this;
    }

    /// <summary>Scripts a turn that streams <paramref name="chunksBefore"/> and then throws <paramref name="exception"/>.</summary>
    public ScriptedChatClient Fail(Exception exception, params string[] chunksBefore)
    {
        Enqueue(new Turn(chunksBefore, TimeSpan.Zero, [], exception, chunksBefore.Length));
        return this;
    }

    /// <summary>Answers every call made after the script ran out with the text <paramref name="answer"/> computes.</summary>
    public ScriptedChatClient Otherwise(Func<IReadOnlyList<ChatMessage>, string> answer)
    {
        _fallback = answer;
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in RunAsync(messages, options, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(messages, options, streaming: true, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private void Enqueue(Turn turn)
    {
        _turns.Enqueue(turn);
        Interlocked.Increment(ref _scripted);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> RunAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        bool streaming,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshot = messages.Select(m => m.Clone()).ToList();
        _requests.Enqueue(new ScriptedRequest(snapshot, options?.Clone(), streaming));
        if (!_turns.TryDequeue(out var turn))
        {
            if (_fallback is null)
            {
                throw new InvalidOperationException(
                    $"The scripted chat client received call {_requests.Count}, but only {Volatile.Read(ref _scripted)} turns were scripted.");
            }

            turn = new Turn([_fallback(snapshot)], TimeSpan.Zero, [], null, 0);
        }

        var responseId = $"scripted-{_requests.Count}";
        for (var i = 0; i < turn.Chunks.Count; i++)
        {
            if (turn.Failure is not null && i == turn.FailAfter)
            {
                break;
            }

            if (turn.Delay > TimeSpan.Zero)
            {
                await Task.Delay(turn.Delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, turn.Chunks[i]) { ResponseId = responseId, MessageId = responseId };
        }

        if (turn.Failure is not null)
        {
            throw turn.Failure;
        }

        if (turn.Calls.Count > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. turn.Calls]) { ResponseId = responseId, MessageId = responseId, FinishReason = ChatFinishReason.ToolCalls };
        }
        else
        {
            yield return new ChatResponseUpdate { ResponseId = responseId, MessageId = responseId, FinishReason = ChatFinishReason.Stop };
        }
    }

    private sealed record Turn(IReadOnlyList<string> Chunks, TimeSpan Delay, IReadOnlyList<AIContent> Calls, Exception? Failure, int FailAfter);
}
