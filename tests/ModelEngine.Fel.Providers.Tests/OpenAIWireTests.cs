using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>The OpenAI adapter against a loopback server: the request and response format on the wire.</summary>
public sealed class OpenAIWireTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Chat_SendsOpenAIRequest()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(200, OpenAIPayloads.Completion("Hello, Ada."));
        var client = harness.Catalog.GetChatClient("test");

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are brief."), new ChatMessage(ChatRole.User, "Greet Ada.")]).WaitAsync(s_timeout);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ModelHarness.ApiKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("test-model", body["model"]?.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(2, messages.Count);
        Assert.Equal("system", messages[0]!["role"]?.GetValue<string>());
        Assert.Equal("You are brief.", ContentText(messages[0]!));
        Assert.Equal("user", messages[1]!["role"]?.GetValue<string>());
        Assert.Equal("Greet Ada.", ContentText(messages[1]!));
        Assert.NotEqual(true, body["stream"]?.GetValue<bool>());
        Assert.Null(body["tools"]);

        Assert.Equal("Hello, Ada.", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Chat_SendsMaxOutputTokensFromConfiguration()
    {
        await using var harness = await ModelHarness.StartAsync(("MaxOutputTokens", "256"));
        harness.Server.EnqueueResponse(200, OpenAIPayloads.Completion("ok"));

        await harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout);

        var body = Assert.Single(harness.Server.Requests).Json;
        var max = body["max_completion_tokens"] ?? body["max_tokens"];
        Assert.Equal(256, max?.GetValue<int>());
    }

    [Fact]
    public async Task Chat_WithoutKeySendsNoAuthorization()
    {
        await using var harness = await ModelHarness.StartAsync(("ApiKey", null));
        harness.Server.EnqueueResponse(200, OpenAIPayloads.Completion("ok"));

        await harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout);

        Assert.Null(Assert.Single(harness.Server.Requests).Authorization);
    }

    [Fact]
    public async Task Streaming_TokensArriveInOrderAndSeparately()
    {
        await using var harness = await ModelHarness.StartAsync();
        var released = new[] { new TaskCompletionSource(), new TaskCompletionSource(), new TaskCompletionSource(), new TaskCompletionSource() };
        harness.Server.EnqueueStream("text/event-stream",
            [
                OpenAIPayloads.Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }),
                OpenAIPayloads.TextChunk("Hel"),
                OpenAIPayloads.TextChunk("lo, "),
                OpenAIPayloads.TextChunk("Ada", "stop"),
                OpenAIPayloads.Done,
            ],
            part => part == 1 ? Task.CompletedTask : released[part - 2].Task);
        var client = harness.Catalog.GetChatClient("test");

        var texts = new List<string>();
        await using var updates = client.GetStreamingResponseAsync("Greet Ada.").GetAsyncEnumerator();
        while (await updates.MoveNextAsync().AsTask().WaitAsync(s_timeout))
        {
            if (updates.Current.Text is { Length: > 0 } text)
            {
                // The server sends the next chunk only after the client has seen this one.
                texts.Add(text);
                released[texts.Count - 1].TrySetResult();
            }
        }

        Assert.Equal(["Hel", "lo, ", "Ada"], texts);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.True(request.Json["stream"]?.GetValue<bool>());
        Assert.Equal($"Bearer {ModelHarness.ApiKey}", request.Authorization);
    }

    [Fact]
    public async Task ToolCall_SendsToolsAndParsesCall()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(200, OpenAIPayloads.ToolCallCompletion("call_7", "get_weather", """{"city":"Paris"}"""));
        var options = new ChatOptions { Tools = [WeatherTool()] };

        var response = await harness.Catalog.GetChatClient("test").GetResponseAsync("Weather in Paris?", options).WaitAsync(s_timeout);

        var tools = Assert.Single(harness.Server.Requests).Json["tools"]!.AsArray();
        var tool = Assert.Single(tools)!;
        Assert.Equal("function", tool["type"]?.GetValue<string>());
        Assert.Equal("get_weather", tool["function"]?["name"]?.GetValue<string>());
        Assert.Equal("Returns the weather of a city.", tool["function"]?["description"]?.GetValue<string>());
        Assert.Equal("string", tool["function"]?["parameters"]?["properties"]?["city"]?["type"]?.GetValue<string>());

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_7", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments?["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task ToolCall_StreamedInPieces()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueStream("text/event-stream",
            [
                OpenAIPayloads.Chunk(new JsonObject
                {
                    ["role"] = "assistant",
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0, ["id"] = "call_9", ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = "" },
                    }),
                }),
                OpenAIPayloads.Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = """{"city":""" } }),
                }),
                OpenAIPayloads.Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = "\"Oslo\"}" } }),
                }, "tool_calls"),
                OpenAIPayloads.Done,
            ]);
        var options = new ChatOptions { Tools = [WeatherTool()] };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Weather in Oslo?", options).WithCancellation(CancellationToken.None))
        {
            updates.Add(update);
        }

        var body = Assert.Single(harness.Server.Requests).Json;
        Assert.True(body["stream"]?.GetValue<bool>());
        Assert.Equal("get_weather", body["tools"]?[0]?["function"]?["name"]?.GetValue<string>());
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_9", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", call.Arguments?["city"]?.ToString());
    }

    [Fact]
    public async Task Embeddings_SendsInputsAndParsesVectors()
    {
        await using var harness = await ModelHarness.StartAsync(("Kind", "Embedding"), ("Model", "test-embedding"));
        harness.Server.Enqueue((context, request) =>
        {
            context.Response.ContentType = "application/json";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(
                context.Response, OpenAIPayloads.Embeddings(request, [0.25f, -0.5f], [1f, 0f]));
        });

        var embeddings = await harness.Catalog.GetEmbeddingGenerator("test").GenerateAsync(["first", "second"]).WaitAsync(s_timeout);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal($"Bearer {ModelHarness.ApiKey}", request.Authorization);
        Assert.Equal("test-embedding", request.Json["model"]?.GetValue<string>());
        Assert.Equal(["first", "second"], request.Json["input"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2, embeddings.Count);
        Assert.Equal([0.25f, -0.5f], embeddings[0].Vector.ToArray());
        Assert.Equal([1f, 0f], embeddings[1].Vector.ToArray());
    }

    private static AIFunction WeatherTool() =>
        AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Returns the weather of a city.");

    /// <summary>Returns a message's text, whether the SDK sent content as a string or as an array of parts.</summary>
    private static string? ContentText(JsonNode message) => message["content"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => null,
    };
}
