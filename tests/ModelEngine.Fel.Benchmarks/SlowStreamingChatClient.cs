using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Benchmarks;

/// <summary>A chat client that streams a fixed number of chunks with a real delay before each one.</summary>
internal sealed class SlowStreamingChatClient : IChatClient
{
    private readonly int _chunks;
    private readonly TimeSpan _delay;

    public SlowStreamingChatClient(int chunks, TimeSpan delay)
    {
        _chunks = chunks;
        _delay = delay;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The pipelining probe only streams.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _chunks; i++)
        {
            await Task.Delay(_delay, cancellationToken).ConfigureAwait(false);
            yield return new ChatResponseUpdate(ChatRole.Assistant, $"t{i} ");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
