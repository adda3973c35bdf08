using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>Calls a chat model, blocking or streaming, and measures time to first token.</summary>
public static class ChatGeneration
{
    /// <summary>
    /// The activity source that traces model calls: one <c>fel.generate</c> activity per call, tagged with the time to
    /// first token, the duration and the number of streamed updates.
    /// </summary>
    public static readonly ActivitySource ActivitySource = new("ModelEngine.Fel");

    /// <summary>
    /// Sends <paramref name="messages"/> to <paramref name="client"/>. With <paramref name="stream"/> the response is read
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
        using var activity = ActivitySource.StartActivity("fel.generate");
        activity?.SetTag("fel.stream", stream);
        activity?.SetTag("gen_ai.request.model", options?.ModelId);
        var started = clock.GetTimestamp();
        if (!stream)
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            activity?.SetTag("fel.duration_ms", elapsed.TotalMilliseconds);
            return new GenerationResult(response, elapsed, elapsed, 1);
        }

        var updates = new List<ChatResponseUpdate>();
        TimeSpan? firstToken = null;
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && !string.IsNullOrEmpty(update.Text))
            {
                firstToken = clock.GetElapsedTime(started);
                FelFlowMetrics.TimeToFirstToken.Record(firstToken.Value.TotalMilliseconds);
                activity?.SetTag("fel.time_to_first_token_ms", firstToken.Value.TotalMilliseconds);
            }

            updates.Add(update);
            if (observer is not null)
            {
                await observer.OnUpdateAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }

        var duration = clock.GetElapsedTime(started);
        activity?.SetTag("fel.duration_ms", duration.TotalMilliseconds);
        activity?.SetTag("fel.chunks", updates.Count);
        return new GenerationResult(updates.ToChatResponse(), firstToken, duration, updates.Count);
    }
}
