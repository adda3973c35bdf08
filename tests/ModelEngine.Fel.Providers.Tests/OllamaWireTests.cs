using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>The Ollama adapter against a loopback fake of Ollama's native API.</summary>
public sealed class OllamaWireTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly (string, string?)[] s_ollama = [("Provider", "Ollama"), ("Endpoint", "/"), ("Model", "qwen2.5:7b"), ("ApiKey", null)];

    [Fact]
    public async Task Streaming_ReadsNdjsonInOrder()
    {
        await using var harness = await ModelHarness.StartAsync(s_ollama);
        var released = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        harness.Server.EnqueueStream("application/x-ndjson",
            [ChatLine("Hel"), ChatLine("lo"), DoneLine()],
            part => released[part - 1].Task);

        var texts = new List<string>();
        await using var updates = harness.Catalog.GetChatClient("test")
            .GetStreamingResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Greet me.")])
            .GetAsyncEnumerator();
        while (await updates.MoveNextAsync().AsTask().WaitAsync(s_timeout))
        {
            if (updates.Current.Text is { Length: > 0 } text)
            {
                texts.Add(text);
                released[texts.Count - 1].TrySetResult();
            }
        }

        Assert.Equal(["Hel", "lo"], texts);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Null(request.Authorization);
        var body = request.Json;
        Assert.Equal("qwen2.5:7b", body["model"]?.GetValue<string>());
        Assert.True(body["stream"]?.GetValue<bool>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]?.GetValue<string>());
        Assert.Equal("Be brief.", messages[0]!["content"]?.GetValue<string>());
        Assert.Equal("user", messages[1]!["role"]?.GetValue<string>());
        Assert.Equal("Greet me.", messages[1]!["content"]?.GetValue<string>());
    }

    [Fact]
    public async Task Chat_ReturnsText()
    {
        await using var harness = await ModelHarness.StartAsync(s_ollama);
        harness.Server.Fallback = (context, request) => request.Json["stream"]?.GetValue<bool>() == true
            ? WriteAsync(context, "application/x-ndjson", ChatLine("Hello, ") + ChatLine("Ada.") + DoneLine())
            : WriteAsync(context, "application/json", DoneLine("Hello, Ada."));

        var response = await harness.Catalog.GetChatClient("test").GetResponseAsync("Greet Ada.").WaitAsync(s_timeout);

        Assert.Equal("Hello, Ada.", response.Text);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal("Greet Ada.", request.Json["messages"]?[0]?["content"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolCall_SendsToolsAndParsesCall()
    {
        await using var harness = await ModelHarness.StartAsync(s_ollama);
        var call = new JsonObject
        {
            ["model"] = "qwen2.5:7b",
            ["created_at"] = "2026-01-05T09:00:00Z",
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["city"] = "Lima" } },
                }),
            },
            ["done"] = false,
        }.ToJsonString() + "\n";
        harness.Server.EnqueueStream("application/x-ndjson", [call, DoneLine()]);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Returns the weather of a city.")] };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Weather in Lima?", options))
        {
            updates.Add(update);
        }

        var tool = Assert.Single(Assert.Single(harness.Server.Requests).Json["tools"]!.AsArray())!;
        Assert.Equal("function", tool["type"]?.GetValue<string>());
        Assert.Equal("get_weather", tool["function"]?["name"]?.GetValue<string>());
        var parsed = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", parsed.Name);
        Assert.Equal("Lima", parsed.Arguments?["city"]?.ToString());
    }

    [Fact]
    public async Task Embeddings_UseApiEmbed()
    {
        await using var harness = await ModelHarness.StartAsync([.. s_ollama, ("Kind", "Embedding"), ("Model", "nomic-embed-text")]);
        harness.Server.EnqueueResponse(200, """{"model":"nomic-embed-text","embeddings":[[0.5,0.25],[-1,0]]}""");

        var embeddings = await harness.Catalog.GetEmbeddingGenerator("test").GenerateAsync(["alpha", "beta"]).WaitAsync(s_timeout);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/api/embed", request.Path);
        Assert.Equal("nomic-embed-text", request.Json["model"]?.GetValue<string>());
        Assert.Equal(["alpha", "beta"], request.Json["input"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([0.5f, 0.25f], embeddings[0].Vector.ToArray());
        Assert.Equal([-1f, 0f], embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task Error_MessageVerbatim()
    {
        await using var harness = await ModelHarness.StartAsync(s_ollama);
        harness.Server.EnqueueResponse(404, """{"error":"model \"qwen2.5:7b\" not found, try pulling it first"}""");

        var error = await ModelHarness.ThrowsModelErrorAsync(async () =>
        {
            await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi"))
            {
                _ = update;
            }
        }).WaitAsync(s_timeout);

        Assert.Equal("model \"qwen2.5:7b\" not found, try pulling it first", error.ProviderMessage);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Ollama", error.Provider);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task MalformedLine_IsModelException()
    {
        await using var harness = await ModelHarness.StartAsync(s_ollama);
        harness.Server.EnqueueStream("application/x-ndjson", [ChatLine("Hel"), "{\"model\":\"qwen2.5:7b\",\"message\":{\"content\":\n", DoneLine()]);

        var error = await ModelHarness.ThrowsModelErrorAsync(async () =>
        {
            await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi"))
            {
                _ = update;
            }
        }).WaitAsync(s_timeout);

        Assert.Equal("Ollama", error.Provider);
        Assert.Contains("'test'", error.Message, StringComparison.Ordinal);
    }

    private static string ChatLine(string content) => new JsonObject
    {
        ["model"] = "qwen2.5:7b",
        ["created_at"] = "2026-01-05T09:00:00Z",
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        ["done"] = false,
    }.ToJsonString() + "\n";

    private static string DoneLine(string content = "") => new JsonObject
    {
        ["model"] = "qwen2.5:7b",
        ["created_at"] = "2026-01-05T09:00:01Z",
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        ["done"] = true,
        ["done_reason"] = "stop",
        ["total_duration"] = 1000,
        ["prompt_eval_count"] = 9,
        ["eval_count"] = 2,
    }.ToJsonString() + "\n";

    private static async Task WriteAsync(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }
}
