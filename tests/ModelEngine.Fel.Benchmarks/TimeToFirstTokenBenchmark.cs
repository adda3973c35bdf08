using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using ModelEngine.Waterflow;

namespace ModelEngine.Fel.Benchmarks;

/// <summary>
/// FEL's overhead on time to first token: the client's first update is ready at once, so each method measures
/// how long its path takes to deliver that update to the caller.
/// </summary>
public class TimeToFirstTokenBenchmark
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "hi")];

    private readonly ImmediateChatClient _client = new();
    private Flow<string, ChatResponseUpdate> _flow = null!;
    private TaskCompletionSource _firstItem = new();

    [GlobalSetup]
    public void Setup()
    {
        _flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateStream(_client)
            .Close(update =>
            {
                if (update.Text.Length > 0)
                {
                    _firstItem.TrySetResult();
                }
            });
    }

    [GlobalCleanup]
    public void Cleanup() => _flow.Finish();

    [Benchmark(Baseline = true, Description = "IChatClient direct")]
    public async Task<string> Direct()
    {
        await using var updates = _client.GetStreamingResponseAsync(Messages).GetAsyncEnumerator();
        await updates.MoveNextAsync();
        return updates.Current.Text;
    }

    [Benchmark(Description = "ChatGeneration observer")]
    public async Task ChatGenerationObserver()
    {
        var observer = new FirstUpdateObserver();
        var generation = ChatGeneration.GenerateAsync(_client, Messages, stream: true, observer: observer);
        await observer.First.Task;
        await generation;
    }

    [Benchmark(Description = "AiFlows GenerateStream")]
    public async Task AiFlowsGenerateStream()
    {
        _firstItem = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flow.Offer(["hi"]);
        await _firstItem.Task;
    }

    private sealed class FirstUpdateObserver : IGenerationObserver
    {
        public TaskCompletionSource First { get; } = new();

        public ValueTask OnUpdateAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
        {
            First.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
