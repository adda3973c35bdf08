using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Providers.Tests.Infrastructure;

/// <summary>Response bodies in the OpenAI chat completions and embeddings wire format.</summary>
public static class OpenAIPayloads
{
    public static string Completion(string content) => new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["created"] = 1767603600,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 3, ["total_tokens"] = 15 },
    }.ToJsonString();

    public static string ToolCallCompletion(string callId, string name, string arguments) => new JsonObject
    {
        ["id"] = "chatcmpl-2",
        ["object"] = "chat.completion",
        ["created"] = 1767603600,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = callId,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
                }),
            },
            ["finish_reason"] = "tool_calls",
        }),
    }.ToJsonString();

    /// <summary>One server-sent event with a chunk whose delta is <paramref name="delta"/>.</summary>
    public static string Chunk(JsonObject delta, string? finishReason = null) =>
        "data: " + new JsonObject
        {
            ["id"] = "chatcmpl-3",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1767603600,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["finish_reason"] = finishReason,
            }),
        }.ToJsonString() + "\n\n";

    public static string TextChunk(string content, string? finishReason = null) =>
        Chunk(new JsonObject { ["content"] = content }, finishReason);

    public const string Done = "data: [DONE]\n\n";

    public static string Error(string message, string type = "invalid_request_error") =>
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = null } }.ToJsonString();

    /// <summary>An embeddings response for <paramref name="vectors"/>, encoded as the request's encoding_format requests.</summary>
    public static string Embeddings(RecordedRequest request, params float[][] vectors)
    {
        var base64 = request.Json["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(vectors[i].SelectMany(BitConverter.GetBytes).ToArray()))
                : JsonSerializer.SerializeToNode(vectors[i])!;
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = "test-embedding",
            ["usage"] = new JsonObject { ["prompt_tokens"] = 4, ["total_tokens"] = 4 },
        }.ToJsonString();
    }
}
