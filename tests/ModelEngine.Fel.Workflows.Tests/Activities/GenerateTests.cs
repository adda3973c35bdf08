using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class GenerateTests
{
    private static JsonObject Generation(string model = FelEngine.ModelName, bool stream = false, params (string Name, JsonNode? Value)[] extra) =>
        Activity("generate", Generate.TypeName,
        [
            ("model", Literal(model, "String")),
            ("system", Literal("You write short replies.", "String")),
            ("prompt", Literal("Reply to {{name}}.", "String")),
            ("variables", Expr("JavaScript", "({ name: getInput('name') })")),
            ("stream", Literal(stream, "Boolean")),
            .. extra,
        ]);

    private static JsonObject OutputOf(string output) =>
        Activity("out", "Elsa.SetOutput", ("outputName", Literal("result", "String")), ("outputValue", Expr("JavaScript", $"getOutputFrom('generate', '{output}')")));

    [Fact]
    public async Task Blocking_StoresTextResponseAndJournal()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Dear ", "Ada.");
        var id = await engine.PublishChainAsync(
            Generation(extra: [("temperature", Literal(0.2, "Double")), ("maxTokens", Literal(64, "Int32"))]),
            OutputOf("response"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["name"] = "Ada" });

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var response = instance.Output["result"]!.AsObject();
        Assert.Equal("Dear Ada.", response["text"]!.GetValue<string>());
        Assert.Equal("stop", response["finishReason"]!.GetValue<string>());
        var request = Assert.Single(engine.Client.Requests);
        Assert.False(request.Streaming);
        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.Equal("Reply to Ada.", request.LastText);
        Assert.Equal(0.2f, request.Options!.Temperature);
        Assert.Equal(64, request.Options.MaxOutputTokens);
        var entry = Assert.Single(await engine.JournalAsync(instance.Summary.Id), e => e.EventName == Generate.GeneratedEvent);
        var payload = JsonNode.Parse(entry.PayloadJson!)!;
        Assert.NotNull(payload["timeToFirstTokenMs"]);
        Assert.NotNull(payload["durationMs"]);
        Assert.Equal(FelEngine.ModelName, payload["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_WithoutSubscriber_KeepsNothing()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Dear ", "Ada, ", "thanks.");
        var id = await engine.PublishChainAsync(Generation(stream: true), OutputOf("text"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["name"] = "Ada" });

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        Assert.Equal("Dear Ada, thanks.", instance.Output["result"]!.GetValue<string>());
        Assert.True(Assert.Single(engine.Client.Requests).Streaming);
        Assert.Equal(0, ((GenerationStreamHub)engine.Hub).TrackedInstances);
    }

    [Fact]
    public async Task Streaming_SubscriberSeesTokensAndCompletion()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("Dear ", "Ada, ", "thanks.");
        var id = await engine.PublishChainAsync(Generation(stream: true));
        var instanceId = await engine.DispatchAsync(id, new JsonObject { ["name"] = "Ada" });
        using var subscription = engine.Hub.Subscribe(instanceId);

        var instance = await engine.RunDispatchedAsync(instanceId);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var events = new List<GenerationStreamEvent>();
        while (subscription.Events.TryRead(out var item))
        {
            events.Add(item);
        }

        Assert.Equal(["Dear ", "Ada, ", "thanks."], events.Where(e => e.Kind == GenerationStreamEventKind.Token).Select(e => e.Text));
        var completed = Assert.Single(events, e => e.Kind == GenerationStreamEventKind.Completed);
        Assert.Equal("Dear Ada, thanks.", completed.Text);
        Assert.Equal("generate", completed.ActivityId);
        Assert.Equal(GenerationStreamEventKind.Completed, events[^1].Kind);
    }

    [Fact]
    public async Task UnknownModel_IncidentNamesConfigurationKey()
    {
        using var engine = new FelEngine();
        var id = await engine.PublishChainAsync(Generation(model: "summarizer"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["name"] = "Ada" });

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("Fel:Models:summarizer", incident.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Client.Requests);
    }

    [Fact]
    public async Task NoCatalog_IncidentNamesConfigurationKey()
    {
        using var engine = new FelEngine(withCatalog: false);
        var id = await engine.PublishChainAsync(Generation());

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["name"] = "Ada" });

        var incident = Assert.Single(instance.Incidents);
        Assert.Contains($"Fel:Models:{FelEngine.ModelName}", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderError_MessageKept()
    {
        using var engine = new FelEngine();
        engine.Client.Fail(new HttpRequestException("429 Too Many Requests: rate limit of 3 per minute reached"), "Dear ");
        var id = await engine.PublishChainAsync(Generation(stream: true));
        var instanceId = await engine.DispatchAsync(id, new JsonObject { ["name"] = "Ada" });
        using var subscription = engine.Hub.Subscribe(instanceId);

        var instance = await engine.RunDispatchedAsync(instanceId);

        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("rate limit of 3 per minute reached", incident.Message, StringComparison.Ordinal);
        Assert.Contains(FelEngine.ModelName, incident.Message, StringComparison.Ordinal);
        var events = new List<GenerationStreamEvent>();
        while (subscription.Events.TryRead(out var item))
        {
            events.Add(item);
        }

        Assert.Equal(GenerationStreamEventKind.Token, events[0].Kind);
        Assert.Equal(GenerationStreamEventKind.Failed, events[^1].Kind);
        Assert.Contains("rate limit", events[^1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesFromPrompt_SentAsGiven()
    {
        using var engine = new FelEngine();
        engine.Client.Reply("ok");
        var prompt = Activity("prompt", Prompt.TypeName, ("system", Literal("Be brief.", "String")), ("human", Literal("Hello", "String")));
        var generate = Activity("generate", Generate.TypeName,
            ("model", Literal(FelEngine.ModelName, "String")),
            ("messages", Expr("JavaScript", "getOutputFrom('prompt', 'messages')")));
        var id = await engine.PublishChainAsync(prompt, generate, OutputOf("text"));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var request = Assert.Single(engine.Client.Requests);
        Assert.Equal(2, request.Messages.Count);
        Assert.Equal("Be brief.", request.Messages[0].Text);
        Assert.Equal("Hello", request.Messages[1].Text);
        Assert.Equal("ok", instance.Output["result"]!.GetValue<string>());
    }
}
