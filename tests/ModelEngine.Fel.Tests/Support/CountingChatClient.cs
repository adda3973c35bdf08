using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Tests;

/// <summary>Wraps a chat client and counts the streamed updates the caller has pulled.</summary>
internal sealed class CountingChatClient : DelegatingChatClient
{
    private int _pulled;

    public CountingChatClient(IChatClient inner)
        : base(inner)
    {
    }

    public int Pulled => Volatile.Read(ref _pulled);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _pulled);
            yield return update;
        }
    }
}
