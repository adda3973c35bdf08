using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Benchmarks;

/// <summary>A chat client whose single streamed update is ready at once, so a benchmark measures only the caller's overhead.</summary>
internal sealed class ImmediateChatClient : IChatClient
{
    private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "token"));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Response);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The iterator never awaits, so its first item is produced synchronously by the first MoveNextAsync.
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "token");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
