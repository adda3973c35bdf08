using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>Calls a chat model, blocking or streaming, and measures time to first token.</summary>
public static class ChatGeneration
{
    /// <summary>The activity source that traces model calls.</summary>
    public static readonly ActivitySource ActivitySource = new("ModelEngine.Fel");

    /// <summary>
    /// Sends <paramref name="messages"/> to <paramref name="client"/>. With <paramref name="stream"/> the answer is read
    /// as updates, each passed to <paramref name="observer"/> as it arrives, and then combined into one response.
    /// </summary>
    public static async Task<GenerationResult> GenerateAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        bool stream = false,
        IGenerationObserver? observer = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        var clock = timeProvider ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        if (!stream)
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            return new GenerationResult(response, elapsed, elapsed, 1);
        }

        var updates = new List<ChatResponseUpdate>();
        TimeSpan? firstToken = null;
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && !string.IsNullOrEmpty(update.Text))
            {
                firstToken = clock.GetElapsedTime(started);
            }

            updates.Add(update);
            if (observer is not null)
            {
                await observer.OnUpdateAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }

        return new GenerationResult(updates.ToChatResponse(), firstToken, clock.GetElapsedTime(started), updates.Count);
    }
}
