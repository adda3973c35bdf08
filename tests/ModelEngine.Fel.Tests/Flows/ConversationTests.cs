using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Tests;

public sealed class ConversationTests
{
    private static readonly ChatPromptTemplate Chat = new ChatPromptTemplate()
        .System("You are a support agent.")
        .History()
        .Human("{{input}}");

    [Fact]
    public async Task SendAsync_TwoTurns_HistorySent()
    {
        var client = new ScriptedChatClient().Reply("Hello Ada.").Reply("You are Ada.");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse();

        var first = await conversation.SendAsync("I am Ada.").WaitAsync(Waits.Timeout);
        var second = await conversation.SendAsync("Who am I?").WaitAsync(Waits.Timeout);

        Assert.Equal("Hello Ada.", first.Text);
        Assert.Equal("You are Ada.", second.Text);
        Assert.Equal(
            ["You are a support agent.", "I am Ada.", "Hello Ada.", "Who am I?"],
            client.Requests[1].Messages.Select(m => m.Text));
        Assert.Equal(["I am Ada.", "Hello Ada.", "Who am I?", "You are Ada."], conversation.Memory.Messages.Select(m => m.Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant], conversation.Memory.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task SendAsync_WhileRunning_RejectsBusy()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromSeconds(1), "slow");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse(conversationId: "ticket-42");

        var running = conversation.SendAsync("first");
        await Waits.UntilAsync(() => client.Requests.Count == 1, "the first turn reaches the model");

        var busy = await Assert.ThrowsAsync<ConversationBusyException>(() => conversation.SendAsync("second").WaitAsync(Waits.Timeout));
        time.Advance(TimeSpan.FromSeconds(1));
        var reply = await running.WaitAsync(Waits.Timeout);

        Assert.Equal("ticket-42", busy.ConversationId);
        Assert.Contains("ticket-42", busy.Message);
        Assert.Equal("slow", reply.Text);
        Assert.Single(client.Requests);
        Assert.Equal(2, conversation.Memory.Messages.Count);
    }

    [Fact]
    public async Task SendAsync_AfterBusy_AcceptsNextTurn()
    {
        var client = new ScriptedChatClient().Reply("one").Reply("two");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse();

        await conversation.SendAsync("a").WaitAsync(Waits.Timeout);
        var reply = await conversation.SendAsync("b").WaitAsync(Waits.Timeout);

        Assert.Equal("two", reply.Text);
    }

    [Fact]
    public async Task SendAsync_ProviderError_SurfacesUnchanged()
    {
        var providerError = new HttpRequestException("503 Service Unavailable: model is overloaded");
        var client = new ScriptedChatClient().Fail(providerError, "par");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateStream(client).Converse();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => conversation.SendAsync("hi").WaitAsync(Waits.Timeout));

        Assert.Same(providerError, thrown);
        Assert.Empty(conversation.Memory.Messages);
    }

    [Fact]
    public async Task SendAsync_StreamingTurn_JoinsUpdates()
    {
        var client = new ScriptedChatClient().Reply("Your ", "order ", "shipped.");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateStream(client).Converse();

        var reply = await conversation.SendAsync("Status?").WaitAsync(Waits.Timeout);

        Assert.Equal("Your order shipped.", reply.Text);
        Assert.Equal(4, reply.Outputs.Count);
        Assert.Equal("Your order shipped.", conversation.Memory.Messages[^1].Text);
    }

    [Fact]
    public async Task Memory_PersistedAndRestored_ContinuesConversation()
    {
        var client = new ScriptedChatClient().Reply("Noted: blue.").Reply("Blue.");
        var memory = new RecentChatMemory(10);
        var first = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse(memory);
        await first.SendAsync("My favourite colour is blue.").WaitAsync(Waits.Timeout);

        var stored = memory.ToJson().ToJsonString();
        var restored = RecentChatMemory.FromJson(JsonNode.Parse(stored));
        var second = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse(restored);
        await second.SendAsync("What is my favourite colour?").WaitAsync(Waits.Timeout);

        Assert.Equal(
            ["You are a support agent.", "My favourite colour is blue.", "Noted: blue.", "What is my favourite colour?"],
            client.Requests[1].Messages.Select(m => m.Text));
        Assert.Equal(4, restored.Messages.Count);
    }

    [Fact]
    public async Task Memory_Default_KeepsTwentyMessages()
    {
        var client = new ScriptedChatClient().Otherwise(messages => $"echo {messages[^1].Text}");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse();

        for (var i = 0; i < 12; i++)
        {
            await conversation.SendAsync($"turn {i}").WaitAsync(Waits.Timeout);
        }

        Assert.Equal(20, conversation.Memory.Messages.Count);
        Assert.Equal("turn 2", conversation.Memory.Messages[0].Text);
    }

    [Fact]
    public async Task SendAsync_Cancelled_CancelsModelCall()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(time).ReplyWithDelay(TimeSpan.FromMinutes(1), "never").Reply("second");
        var conversation = AiFlows.Create<string>().Prompt(Chat).GenerateText(client).Converse();
        using var cancellation = new CancellationTokenSource();

        var running = conversation.SendAsync("first", cancellation.Token);
        await Waits.UntilAsync(() => client.Requests.Count == 1, "the first turn reaches the model");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Waits.Timeout));
        var next = await conversation.SendAsync("again").WaitAsync(Waits.Timeout);

        Assert.Equal("second", next.Text);
        Assert.Equal(["again", "second"], conversation.Memory.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Converse_Twice_Throws()
    {
        var builder = AiFlows.Create<string>().Prompt(Chat).GenerateText(new ScriptedChatClient());
        builder.Converse();

        Assert.Throws<InvalidOperationException>(() => builder.Converse());
    }
}
