using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Tests;

public sealed class ChatGenerationTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Hello?")];

    [Fact]
    public async Task Stream_Chunks_ReachObserverInOrder()
    {
        var client = new ScriptedChatClient().Reply("Hel", "lo", " there");
        var observer = new RecordingObserver();

        var result = await ChatGeneration.GenerateAsync(client, Question, stream: true, observer: observer).WaitAsync(Waits.Timeout);

        Assert.Equal(["Hel", "lo", " there", ""], observer.Texts);
        Assert.Equal("Hello there", result.Text);
        Assert.Equal(4, result.Chunks);
        Assert.True(client.Requests[0].Streaming);
    }

    [Fact]
    public async Task Blocking_Call_ReturnsWholeText()
    {
        var client = new ScriptedChatClient().Reply("All ", "at once");

        var result = await ChatGeneration.GenerateAsync(client, Question).WaitAsync(Waits.Timeout);

        Assert.Equal("All at once", result.Text);
        Assert.Equal(1, result.Chunks);
        Assert.Equal(result.Duration, result.TimeToFirstToken);
        Assert.False(client.Requests[0].Streaming);
    }

    [Fact]
    public async Task Stream_ToolCall_InResponse()
    {
        var client = new ScriptedChatClient().CallTool("lookup_order", new Dictionary<string, object?> { ["id"] = 7 }, "call-1");

        var result = await ChatGeneration.GenerateAsync(client, Question, stream: true).WaitAsync(Waits.Timeout);

        var call = Assert.Single(result.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("lookup_order", call.Name);
        Assert.Equal("call-1", call.CallId);
        Assert.Equal(7, call.Arguments!["id"]);
        Assert.Null(result.TimeToFirstToken);
    }

    [Fact]
    public async Task Stream_ProviderErrorMidStream_SurfacesUnchanged()
    {
        var providerError = new HttpRequestException("429 Too Many Requests: rate limit reached for model qwen-max");
        var client = new ScriptedChatClient().Fail(providerError, "partial ");
        var observer = new RecordingObserver();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(
            () => ChatGeneration.GenerateAsync(client, Question, stream: true, observer: observer).WaitAsync(Waits.Timeout));

        Assert.Same(providerError, thrown);
        Assert.Equal(["partial "], observer.Texts);
    }

    [Fact]
    public async Task Stream_SlowProvider_TtftFromFakeTime()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromMilliseconds(700), "first", "second");
        var observer = new RecordingObserver();

        // The scripted client registers its first delay before GenerateAsync returns its pending task.
        var pending = ChatGeneration.GenerateAsync(client, Question, stream: true, observer: observer, timeProvider: time);
        time.Advance(TimeSpan.FromMilliseconds(700));
        await observer.WaitForCountAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(700));
        var result = await pending.WaitAsync(Waits.Timeout);

        Assert.Equal(TimeSpan.FromMilliseconds(700), result.TimeToFirstToken);
        Assert.Equal(TimeSpan.FromMilliseconds(1400), result.Duration);
        Assert.Equal("firstsecond", result.Text);
    }

    [Fact]
    public async Task Stream_Activity_TaggedWithTtft()
    {
        const string model = "activity-test-model";
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatGeneration.ActivitySource.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("gen_ai.request.model"), model))
                {
                    stopped.Enqueue(activity);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromMilliseconds(250), "only");

        var pending = ChatGeneration.GenerateAsync(client, Question, new ChatOptions { ModelId = model }, stream: true, timeProvider: time);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await pending.WaitAsync(Waits.Timeout);

        var activity = Assert.Single(stopped);
        Assert.Equal("fel.generate", activity.OperationName);
        Assert.Equal(250.0, activity.GetTagItem("fel.time_to_first_token_ms"));
        Assert.Equal(2, activity.GetTagItem("fel.chunks"));
        Assert.Equal(true, activity.GetTagItem("fel.stream"));
    }

    [Fact]
    public async Task Stream_Cancelled_StopsWithCancellation()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromSeconds(5), "never");
        using var cancellation = new CancellationTokenSource();

        var pending = ChatGeneration.GenerateAsync(client, Question, stream: true, timeProvider: time, cancellationToken: cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Waits.Timeout));
    }

    private sealed class RecordingObserver : IGenerationObserver
    {
        private readonly List<string> _texts = [];
        private readonly SemaphoreSlim _received = new(0);

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (_texts)
                {
                    return [.. _texts];
                }
            }
        }

        public ValueTask OnUpdateAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
        {
            lock (_texts)
            {
                _texts.Add(update.Text);
            }

            _received.Release();
            return ValueTask.CompletedTask;
        }

        public async Task WaitForCountAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _received.WaitAsync(Waits.Timeout), $"Timed out waiting for update {i + 1}.");
            }
        }
    }
}
