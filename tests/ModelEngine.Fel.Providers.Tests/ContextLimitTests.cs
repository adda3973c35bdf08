using Microsoft.Extensions.AI;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>Inputs over <c>ContextWindow</c> are rejected before any request is sent.</summary>
public sealed class ContextLimitTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly string s_longText = string.Join(" ", Enumerable.Repeat("The quick brown fox jumps over the lazy dog.", 20));

    [Fact]
    public async Task OverWindow_RejectedBeforeCall()
    {
        await using var harness = await ModelHarness.StartAsync(("ContextWindow", "50"));

        var error = await Assert.ThrowsAsync<FelContextLimitExceededException>(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync(s_longText).WaitAsync(s_timeout));

        Assert.Empty(harness.Server.Requests);
        Assert.Equal(50, error.ContextWindow);
        Assert.InRange(error.TokenCount, 150, 300);
        Assert.Contains($"{error.TokenCount} tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Models:test:ContextWindow", error.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 7204);
    }

    [Fact]
    public async Task OverWindow_StreamingRejectedBeforeCall()
    {
        await using var harness = await ModelHarness.StartAsync(("ContextWindow", "50"));

        var error = await Assert.ThrowsAsync<FelContextLimitExceededException>(async () =>
        {
            await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync(s_longText))
            {
                _ = update;
            }
        }).WaitAsync(s_timeout);

        Assert.Empty(harness.Server.Requests);
        Assert.True(error.TokenCount > 50);
    }

    [Fact]
    public async Task History_CountsEveryMessage()
    {
        await using var harness = await ModelHarness.StartAsync(("ContextWindow", "60"));
        var history = Enumerable.Range(0, 12).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, "Hello there")).ToList();

        var error = await Assert.ThrowsAsync<FelContextLimitExceededException>(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync(history).WaitAsync(s_timeout));

        // Each message is 2 text tokens plus 4 of overhead; 3 more prime the reply.
        Assert.Equal((12 * 6) + 3, error.TokenCount);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task WithinWindow_IsSent()
    {
        await using var harness = await ModelHarness.StartAsync(("ContextWindow", "50"));
        harness.Server.EnqueueResponse(200, OpenAIPayloads.Completion("short"));

        var response = await harness.Catalog.GetChatClient("test").GetResponseAsync("Hello there").WaitAsync(s_timeout);

        Assert.Equal("short", response.Text);
        Assert.Single(harness.Server.Requests);
    }
}
