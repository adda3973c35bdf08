using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;
using ModelEngine.Waterflow;

namespace ModelEngine.Fel.Tests;

public sealed class AiFlowsTests
{
    private static readonly ChatPromptTemplate Support = new ChatPromptTemplate()
        .System("You answer for {{company}}.")
        .Human("{{question}}");

    [Fact]
    public async Task PromptGenerate_RendersAndCalls()
    {
        var client = new ScriptedChatClient().Reply("We ship in ", "two days.");
        var results = new ConcurrentQueue<string>();
        var flow = AiFlows.Create<Dictionary<string, object?>>()
            .Prompt(Support)
            .GenerateText(client)
            .Close(results.Enqueue);

        var session = flow.Offer([new Dictionary<string, object?> { ["company"] = "Acme", ["question"] = "When do you ship?" }]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["We ship in two days."], results);
        var request = Assert.Single(client.Requests);
        Assert.Equal(["You answer for Acme.", "When do you ship?"], request.Messages.Select(m => m.Text));
        Assert.False(request.Streaming);
    }

    [Fact]
    public async Task Prompt_ObjectInput_UsesProperties()
    {
        var client = new ScriptedChatClient().Reply("ok");
        var flow = AiFlows.Create<SupportQuestion>().Prompt(Support).GenerateText(client).Close(_ => { });

        var session = flow.Offer([new SupportQuestion("Acme", "Refund?")]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal("Refund?", client.Requests[0].LastText);
    }

    [Fact]
    public async Task Prompt_MissingValue_ReportsTemplateError()
    {
        var errors = new ConcurrentQueue<Exception>();
        var flow = AiFlows.Create<SupportQuestion>()
            .Prompt(new ChatPromptTemplate().Human("{{order_id}}"))
            .GenerateText(new ScriptedChatClient())
            .Close(onError: (exception, _) => errors.Enqueue(exception));

        var session = flow.Offer([new SupportQuestion("Acme", "Refund?")]);
        await session.Completion.WaitAsync(Waits.Timeout);

        var error = Assert.IsType<PromptTemplateException>(Assert.Single(errors));
        Assert.Equal("order_id", error.Placeholder);
    }

    [Fact]
    public async Task GenerateStream_SlowConsumer_BoundsProvider()
    {
        const int window = 4;
        const int chunks = 200;
        var scripted = new ScriptedChatClient().Reply([.. Enumerable.Range(0, chunks).Select(i => $"{i} ")]);
        var client = new CountingChatClient(scripted);
        using var gate = new ManualResetEventSlim();
        var texts = new ConcurrentQueue<string>();
        var flow = AiFlows.Create<string>(new FlowOptions { CreditWindow = window })
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateStream(client)
            .Close(update =>
            {
                gate.Wait(Waits.Timeout);
                texts.Enqueue(update.Text);
            });

        var session = flow.Offer(["count"]);
        await Waits.UntilAsync(() => client.Pulled > window, "the provider fills the edge");

        // The consumer is held, so the stream must stop near the credit window. The loop gives it time to overrun.
        var maxPulled = 0;
        var deadline = DateTime.UtcNow.AddMilliseconds(200);
        while (DateTime.UtcNow < deadline)
        {
            maxPulled = Math.Max(maxPulled, client.Pulled);
            await Task.Delay(5);
        }

        gate.Set();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.InRange(maxPulled, window + 1, (2 * window) + 2);
        Assert.Equal(string.Concat(Enumerable.Range(0, chunks).Select(i => $"{i} ")), string.Concat(texts));
        Assert.Equal(chunks + 1, texts.Count);
    }

    [Fact]
    public async Task GenerateStream_FakeTime_RecordsTtft()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromMilliseconds(300), "a", "b");
        var updates = new ConcurrentQueue<ChatResponseUpdate>();
        var flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateStream(client, timeProvider: time)
            .Close(updates.Enqueue);

        var session = flow.Offer(["hi"]);
        await Waits.UntilAsync(() => client.Requests.Count == 1, "the request reaches the client");
        time.Advance(TimeSpan.FromMilliseconds(300));
        await Waits.UntilAsync(() => !updates.IsEmpty, "the first update arrives");
        time.Advance(TimeSpan.FromMilliseconds(300));
        await session.Completion.WaitAsync(Waits.Timeout);

        var first = updates.First();
        Assert.Equal("a", first.Text);
        Assert.Equal(300.0, first.AdditionalProperties!["fel.time_to_first_token_ms"]);
        Assert.Null(updates.Skip(1).First().AdditionalProperties?.GetValueOrDefault("fel.time_to_first_token_ms"));
    }

    [Fact]
    public async Task ParsePartial_Stream_EmitsGrowingValues()
    {
        var client = new ScriptedChatClient().Reply("```json\n{\"ti", "tle\": \"Ref", "und\", \"n\": 2}", "\n```");
        var values = new ConcurrentQueue<string>();
        var flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateStream(client)
            .ParsePartial()
            .Close(node => values.Enqueue(node.ToJsonString()));

        var session = flow.Offer(["go"]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["{}", "{\"title\":\"Ref\"}", "{\"title\":\"Refund\",\"n\":2}", "{\"title\":\"Refund\",\"n\":2}"], values);
    }

    [Fact]
    public async Task Parse_Schema_ValidatesReply()
    {
        var parser = new StructuredOutputParser("""{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}""");
        var client = new ScriptedChatClient().Reply("```json\n{\"ok\": true}\n```").Reply("{\"ok\": \"yes\"}");
        var results = new ConcurrentQueue<bool>();
        var errors = new ConcurrentQueue<Exception>();
        var flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .GenerateText(client)
            .Parse(parser)
            .Close((node, _) => results.Enqueue(node!["ok"]!.GetValue<bool>()), onError: (exception, _) => errors.Enqueue(exception));

        var session = flow.Offer(["first", "second"], preserved: true);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([true], results);
        var error = Assert.IsType<FelParseException>(Assert.Single(errors));
        Assert.Contains(error.Errors, e => e.Path == "/ok" && e.Rule == "type");
    }

    [Fact]
    public async Task SplitIndexRetrieve_Pipeline_FindsChunk()
    {
        var knowledge = new InMemoryKnowledgeBase();
        var ingest = AiFlows.Create<KnowledgeDocument>()
            .Split(document => document.Text.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select((text, i) => new KnowledgeChunk($"{document.Id}#{i}", document.Id, i, text)))
            .Index(knowledge, batchSize: 2)
            .Close(_ => { });
        var documents = new[]
        {
            new KnowledgeDocument("refunds", "Refunds take five days. Refunds need a receipt. Gift cards are final"),
            new KnowledgeDocument("shipping", "Orders ship in two days"),
        };

        await ingest.Offer(documents).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(4, knowledge.Chunks.Count);
        Assert.Equal(4, knowledge.IndexedBatchSizes.Sum());
        Assert.All(knowledge.IndexedBatchSizes, size => Assert.InRange(size, 1, 2));

        var found = new ConcurrentQueue<IReadOnlyList<RetrievedChunk>>();
        var search = AiFlows.Create<string>().Retrieve(knowledge, new RetrievalOptions { TopK = 1 }).Close(found.Enqueue);
        await search.Offer(["when do orders ship"]).Completion.WaitAsync(Waits.Timeout);

        var hit = Assert.Single(Assert.Single(found));
        Assert.Equal("shipping#0", hit.Chunk.Id);
    }

    [Fact]
    public async Task Delegate_Agent_RunsToolLoop()
    {
        var client = new ScriptedChatClient().CallTool("order_status").Reply("Shipped.");
        var agent = new FelAgent(client, [AIFunctionFactory.Create(() => "shipped", "order_status")]);
        var results = new ConcurrentQueue<AgentResult>();
        var flow = AiFlows.Create<string>()
            .Prompt(new ChatPromptTemplate().Human("{{input}}"))
            .Delegate(agent)
            .Close(results.Enqueue);

        await flow.Offer(["Where is order 7?"]).Completion.WaitAsync(Waits.Timeout);

        var result = Assert.Single(results);
        Assert.Equal("Shipped.", result.Text);
        Assert.Equal(1, result.ToolCalls);
    }

    [Fact]
    public async Task Then_WaterflowBranches_Available()
    {
        var results = new ConcurrentQueue<string>();
        var flow = AiFlows.Create<int>()
            .Then(flow => flow.Conditions()
                .When(x => x % 2 == 0, x => $"even {x}")
                .Others(branch => branch.Map(x => $"odd {x}")))
            .Close(results.Enqueue);

        await flow.Offer([1, 2]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["even 2", "odd 1"], results.Order());
    }

    private sealed record SupportQuestion(string Company, string Question);
}
