using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class ConverseTests
{
    private static JsonObject Turn(string id, string message, params (string Name, JsonNode? Value)[] extra) =>
        Activity(id, Converse.TypeName,
        [
            ("conversationId", Literal("support", "String")),
            ("model", Literal(FelEngine.ModelName, "String")),
            ("message", Literal(message, "String")),
            .. extra,
        ]);

    private static JsonObject WaitFor(string eventName) => Activity("wait", "Elsa.Event", ("eventName", Literal(eventName, "String")));

    [Fact]
    public async Task Memory_SurvivesSuspendAndResume()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Hello Ada.").Reply("You asked about refunds.");
        var id = await engine.PublishChainAsync(
            Turn("first", "Hi, I am Ada.", ("system", Literal("You are a support agent.", "String"))),
            WaitFor("next"),
            Turn("second", "What did I ask?", ("system", Literal("You are a support agent.", "String"))));

        var suspended = await engine.ExecuteAsync(id);
        Assert.True(suspended.Incidents.Count == 0, FelEngine.Incidents(suspended));
        Assert.Equal(WorkflowSubStatus.Suspended, suspended.Summary.SubStatus);
        var stored = (await engine.LoadStateAsync(suspended.Summary.Id)).Properties[ConversationMemoryStore.PropertyName]!["support"]!["messages"]!.AsArray();
        Assert.Equal(2, stored.Count);
        Assert.Equal("Hello Ada.", stored[1]!["text"]!.GetValue<string>());

        await engine.Runtime.TriggerEventAsync("next", null, null).WaitAsync(FelEngine.Timeout);
        var finished = await engine.RunDispatchedAsync(suspended.Summary.Id);

        Assert.True(finished.Incidents.Count == 0, FelEngine.Incidents(finished));
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        var second = engine.Client.Requests[1].Messages;
        Assert.Equal(["system", "user", "assistant", "user"], second.Select(m => m.Role.Value));
        Assert.Equal("Hi, I am Ada.", second[1].Text);
        Assert.Equal("Hello Ada.", second[2].Text);
        var memory = (await engine.LoadStateAsync(suspended.Summary.Id)).Properties[ConversationMemoryStore.PropertyName]!["support"]!["messages"]!.AsArray();
        Assert.Equal(4, memory.Count);
        Assert.Equal("You asked about refunds.", memory[3]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Record_AppendsWithoutModelCall()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Draft: we refund within 30 days.");
        var id = await engine.PublishChainAsync(
            Turn("draft", "Draft a reply."),
            Turn("record", "Edited: we refund within 14 days.", ("mode", Literal("Record", "String"))),
            Activity("out", "Elsa.SetOutput", ("outputName", Literal("history", "String")), ("outputValue", Expr("JavaScript", "getOutputFrom('record', 'history')"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        Assert.Single(engine.Client.Requests);
        var history = instance.Output["history"]!.AsArray();
        Assert.Equal(3, history.Count);
        Assert.Equal("assistant", history[2]!["role"]!.GetValue<string>());
        Assert.Equal("Edited: we refund within 14 days.", history[2]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task MemorySize_KeepsRecentMessages()
    {
        using var engine = new FelEngine();
        engine.Client.Otherwise(messages => $"answer {messages.Count}");
        var id = await engine.PublishChainAsync(
            Turn("one", "first", ("memorySize", Literal(2, "Int32"))),
            Turn("two", "second", ("memorySize", Literal(2, "Int32"))),
            Turn("three", "third", ("memorySize", Literal(2, "Int32"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var third = engine.Client.Requests[2].Messages;
        Assert.Equal(3, third.Count);
        Assert.Equal("second", third[0].Text);
        Assert.Equal("third", third[2].Text);
    }

    [Fact]
    public async Task BusyConversation_Rejected()
    {
        using var engine = new FelEngine();
        var id = await engine.PublishChainAsync(Turn("ask", "Hello"));
        var instanceId = await engine.DispatchAsync(id);
        using var running = engine.Gate.Enter(instanceId, "support");

        var instance = await engine.RunDispatchedAsync(instanceId);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Contains(new ConversationBusyException("support").Message, incident.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Client.Requests);
        Assert.False((await engine.LoadStateAsync(instanceId)).Properties.ContainsKey(ConversationMemoryStore.PropertyName));
    }

    [Fact]
    public async Task Gate_ReleasedAfterTurn()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Hi.");
        var id = await engine.PublishChainAsync(Turn("ask", "Hello"));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        Assert.False(engine.Gate.IsBusy(instance.Summary.Id, "support"));
    }

    [Fact]
    public async Task Templates_RenderWithVariables()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("ok");
        var id = await engine.PublishChainAsync(Turn("ask", "Question: {{question}}",
            ("system", Literal("Policies:\n{{context}}", "String")),
            ("variables", Expr("JavaScript", "({ question: 'refund?', context: 'Refunds take 30 days.' })"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var request = Assert.Single(engine.Client.Requests);
        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.Equal("Policies:\nRefunds take 30 days.", request.Messages[0].Text);
        Assert.Equal("Question: refund?", request.LastText);
    }

    [Fact]
    public async Task UnknownMode_RejectedAtPublish()
    {
        using var engine = new FelEngine();

        var errors = await engine.PublishErrorsAsync(Turn("ask", "Hello", ("mode", Literal("Shout", "String"))));

        Assert.Contains("Shout", errors, StringComparison.Ordinal);
    }
}
