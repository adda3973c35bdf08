using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>GET /api/workflow-instances/{id}/generations/stream: the tokens of a streaming Generate activity as server-sent events.</summary>
public sealed class GenerationStreamEndpointTests : IClassFixture<FelServer>
{
    private static readonly string[] Tokens = ["Dear ", "Ada, ", "your ", "refund ", "is on its way."];

    private readonly FelServer _server;

    public GenerationStreamEndpointTests(FelServer server)
    {
        _server = server;
    }

    private static JsonObject StreamingDefinition(string definitionId) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Streaming reply",
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "root",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                new JsonObject
                {
                    ["id"] = "reply",
                    ["type"] = "ModelEngine.Fel.Generate",
                    ["model"] = Literal(FelServer.ModelName),
                    ["prompt"] = Literal("Write a short reply about a refund."),
                    ["stream"] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = true } },
                }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "reply", ["port"] = "In" },
            }),
        },
    };

    private static JsonObject Literal(string value) =>
        new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    [Fact]
    public async Task SlowStream_TokensArriveInOrder()
    {
        var dave = await _server.Factory.CreateClientForAsync("dave");
        var alice = await _server.Factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, StreamingDefinition("streaming-reply"));
        _server.Client.ReplyWithDelay(TimeSpan.FromSeconds(1), Tokens);

        var instanceId = await Instances.DispatchAsync(alice, "streaming-reply", new { });
        using var response = await OpenStreamAsync(alice, instanceId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        // The scripted client waits one second of its own clock before each token, so the clock is moved on until the
        // stream completes, and the read stops at the bounded timeout if it never does.
        using var stop = new CancellationTokenSource();
        var ticker = TickAsync(stop.Token);
        var events = await ReadUntilAsync(response, "completed").WaitAsync(Timeouts.Poll);
        await stop.CancelAsync();
        await ticker.WaitAsync(Timeouts.Request);

        var tokens = events.Where(e => e.Name == "token").Select(e => e.Data).ToList();
        Assert.Equal(Tokens, tokens.Select(data => data["text"]!.GetValue<string>()));
        Assert.All(tokens, data => Assert.Equal("reply", data["activityId"]!.GetValue<string>()));
        var completed = events[^1].Data;
        Assert.Equal(string.Concat(Tokens), completed["text"]!.GetValue<string>());
        Assert.NotNull(completed["ttftMs"]);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
    }

    [Fact]
    public async Task IdleStream_SendsHeartbeat()
    {
        var dave = await _server.Factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, StreamingDefinition("idle-reply"));
        _server.Client.Reply("Done.");
        var instanceId = await Instances.DispatchAsync(dave, "idle-reply", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished");

        using var response = await OpenStreamAsync(dave, instanceId);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var lines = new List<string>();
        while (!lines.Contains(": heartbeat"))
        {
            var line = await reader.ReadLineAsync().WaitAsync(Timeouts.Request);
            Assert.NotNull(line);
            lines.Add(line);
        }

        Assert.DoesNotContain(lines, line => line.StartsWith("event:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherUser_GetsNotFound()
    {
        var dave = await _server.Factory.CreateClientForAsync("dave");
        var alice = await _server.Factory.CreateClientForAsync("alice");
        var carol = await _server.Factory.CreateClientForAsync("carol");
        await Fixtures.PublishAsync(dave, StreamingDefinition("private-reply"));
        _server.Client.Reply("Done.");
        var instanceId = await Instances.DispatchAsync(alice, "private-reply", new { });

        using var response = await OpenStreamAsync(carol, instanceId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(instanceId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The tests of this class share one scripted client, so the instance must use its turn before the next test scripts one.
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
    }

    [Fact]
    public async Task UnknownInstance_GetsNotFound()
    {
        var alice = await _server.Factory.CreateClientForAsync("alice");

        using var response = await OpenStreamAsync(alice, "no-such-instance");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient client, string instanceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow-instances/{instanceId}/generations/stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeouts.Request);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            _server.ClientClock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads server-sent events, skipping comment lines, until an event named <paramref name="lastEvent"/> arrives.</summary>
    private static async Task<List<(string Name, JsonObject Data)>> ReadUntilAsync(HttpResponseMessage response, string lastEvent)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Name, JsonObject Data)>();
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.NotNull(name);
                events.Add((name, JsonNode.Parse(line["data: ".Length..])!.AsObject()));
                if (name == lastEvent)
                {
                    return events;
                }
            }
        }

        Assert.Fail($"The stream ended before a '{lastEvent}' event; events read: {string.Join(", ", events.Select(e => e.Name))}.");
        return events;
    }
}
