using Microsoft.Extensions.AI;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>Retries of 429 and 5xx responses, with the waits on a fake clock.</summary>
public sealed class RetryTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task TooManyRequests_HonoursRetryAfter()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server
            .EnqueueResponse(429, OpenAIPayloads.Error("Rate limit reached for test-model.", "requests"), headers: ("Retry-After", "7"))
            .EnqueueResponse(200, OpenAIPayloads.Completion("after the wait"));

        var response = await harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step);

        Assert.Equal("after the wait", response.Text);
        var requests = harness.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(7),
            $"The retry came {requests[1].ReceivedAt - requests[0].ReceivedAt} after the 429, before its Retry-After of 7 s.");
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 7201 && e.Values.Contains("StatusCode=429", StringComparison.Ordinal));
        harness.AssertNoKeyLogged();
    }

    [Fact]
    public async Task RetryAfterDate_Honoured()
    {
        await using var harness = await ModelHarness.StartAsync();
        var retryAt = harness.Time.GetUtcNow().AddSeconds(12).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        harness.Server
            .EnqueueResponse(503, OpenAIPayloads.Error("Maintenance window.", "server_error"), headers: ("Retry-After", retryAt))
            .EnqueueResponse(200, OpenAIPayloads.Completion("back"));

        var response = await harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step);

        Assert.Equal("back", response.Text);
        var requests = harness.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(11),
            $"The retry came {requests[1].ReceivedAt - requests[0].ReceivedAt} after the 503, before the Retry-After date 12 s later.");
    }

    [Fact]
    public async Task Embeddings_RetriedAndSurfaced()
    {
        await using var harness = await ModelHarness.StartAsync(("Kind", "Embedding"), ("MaxRetries", "1"));
        harness.Server
            .EnqueueResponse(429, OpenAIPayloads.Error("Slow down.", "requests"))
            .EnqueueResponse(400, OpenAIPayloads.Error("Input too long for the embedding model."));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(harness.Catalog.GetEmbeddingGenerator("test").GenerateAsync(["text"]), s_step));

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Input too long for the embedding model.", error.ProviderMessage);
    }

    [Fact]
    public async Task ServiceUnavailable_RetriesWithGrowingBackoff()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server
            .EnqueueResponse(503, OpenAIPayloads.Error("The server is overloaded.", "server_error"))
            .EnqueueResponse(503, OpenAIPayloads.Error("The server is overloaded.", "server_error"))
            .EnqueueResponse(200, OpenAIPayloads.Completion("third time"));

        var response = await harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step);

        Assert.Equal("third time", response.Text);
        var requests = harness.Server.Requests;
        Assert.Equal(3, requests.Count);

        // Retry n waits 2^(n-1) s scaled by 50–100 % jitter: 0.5–1 s, then 1–2 s.
        var first = requests[1].ReceivedAt - requests[0].ReceivedAt;
        var second = requests[2].ReceivedAt - requests[1].ReceivedAt;
        Assert.True(first >= TimeSpan.FromSeconds(0.5), $"The first retry came after {first}, before the 0.5 s minimum backoff.");
        Assert.True(second >= TimeSpan.FromSeconds(1), $"The second retry came after {second}, before the 1 s minimum backoff.");
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server
            .EnqueueResponse(400, OpenAIPayloads.Error("'messages' must contain at least one message."))
            .EnqueueResponse(200, OpenAIPayloads.Completion("must not be reached"));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step));

        Assert.Single(harness.Server.Requests);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("'messages' must contain at least one message.", error.ProviderMessage);
    }

    [Fact]
    public async Task RetriesExhausted_SurfacesProviderMessage()
    {
        await using var harness = await ModelHarness.StartAsync(("MaxRetries", "2"));
        for (var i = 0; i < 3; i++)
        {
            harness.Server.EnqueueResponse(503, OpenAIPayloads.Error($"Engine overloaded ({i + 1})", "server_error"));
        }

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step));

        Assert.Equal(3, harness.Server.Requests.Count);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal("Engine overloaded (3)", error.ProviderMessage);
        Assert.Contains("Engine overloaded (3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal("test", error.ModelName);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 7203);
    }

    [Fact]
    public async Task RetryAfterTooLong_FailsAtOnce()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(429, OpenAIPayloads.Error("Daily quota exhausted."), headers: ("Retry-After", "3600"));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), s_step));

        Assert.Single(harness.Server.Requests);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("Daily quota exhausted.", error.ProviderMessage);
    }

    [Fact]
    public async Task Streaming_RetriedBeforeBody()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server
            .EnqueueResponse(502, "<html><body>Bad gateway</body></html>", "text/html")
            .EnqueueStream("text/event-stream", [OpenAIPayloads.TextChunk("ok", "stop"), OpenAIPayloads.Done]);

        var text = await harness.AdvanceUntilDoneAsync(CollectAsync(harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi")), s_step);

        Assert.Equal("ok", text);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Streaming_NotRetriedAfterBodyStarted()
    {
        await using var harness = await ModelHarness.StartAsync();
        var firstChunkSeen = new TaskCompletionSource();
        harness.Server.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, OpenAIPayloads.TextChunk("partial"));
            await context.Response.Body.FlushAsync();
            await firstChunkSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            context.Abort();
        });
        harness.Server.EnqueueStream("text/event-stream", [OpenAIPayloads.TextChunk("must not be reached", "stop"), OpenAIPayloads.Done]);
        var client = harness.Catalog.GetChatClient("test");

        await using var updates = client.GetStreamingResponseAsync("Hi").GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("partial", updates.Current.Text);
        firstChunkSeen.SetResult();
        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(DrainAsync(updates), s_step));

        Assert.Single(harness.Server.Requests);
        Assert.Null(error.StatusCode);
        Assert.Contains("'test'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> DrainAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
    {
        var count = 0;
        while (await updates.MoveNextAsync())
        {
            count++;
        }

        return count;
    }

    private static async Task<string> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var text = "";
        await foreach (var update in updates)
        {
            text += update.Text;
        }

        return text;
    }
}
