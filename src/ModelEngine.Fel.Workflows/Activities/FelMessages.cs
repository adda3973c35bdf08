using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>Converts chat messages to and from the JSON the activities exchange: an array of <c>{role, text}</c>.</summary>
internal static class FelMessages
{
    /// <summary>The roles a message may have, as written in JSON.</summary>
    public const string Roles = "system, user (or human), assistant (or ai) and tool";

    /// <summary>Writes <paramref name="messages"/> as <c>[{role, text}, …]</c>, with roles in lower case.</summary>
    public static JsonArray ToJson(IEnumerable<ChatMessage> messages)
    {
        var array = new JsonArray();
        foreach (var message in messages)
        {
            array.Add(new JsonObject { ["role"] = message.Role.Value, ["text"] = message.Text });
        }

        return array;
    }

    /// <summary>
    /// Reads a message array. <paramref name="describe"/> names the activity and input in errors, such as
    /// <c>Activity 'draft' (Generate) input 'messages'</c>.
    /// </summary>
    /// <exception cref="WorkflowFaultException">The value is not an array of objects with a known role and a text.</exception>
    public static List<ChatMessage> FromJson(JsonNode? node, string describe)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new WorkflowFaultException(
                $"{describe} must be an array of messages such as [{{\"role\": \"user\", \"text\": \"Hello\"}}], not {node.GetValueKind()}: {Shorten(node.ToJsonString())}.");
        }

        var messages = new List<ChatMessage>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw new WorkflowFaultException($"{describe} has item {i} that is not an object with 'role' and 'text': {Shorten(array[i]?.ToJsonString() ?? "null")}.");
            }

            var roleText = item["role"] is JsonValue roleValue && roleValue.TryGetValue(out string? role) ? role : null;
            var text = item["text"] ?? item["content"];
            messages.Add(new ChatMessage(ParseRole(roleText, $"{describe} item {i}"), FormatText(text)));
        }

        return messages;
    }

    /// <summary>
    /// Builds the messages of a model call from an optional message array and optional system and prompt templates:
    /// the system message goes first and the prompt last. <paramref name="emptyMessage"/> is the incident when no message results.
    /// </summary>
    public static async ValueTask<List<ChatMessage>> ComposeAsync(
        ActivityExecutionContext context,
        string describe,
        Input<object>? messagesInput,
        Input<string>? systemInput,
        Input<string>? promptInput,
        Input<object>? variablesInput,
        string emptyMessage)
    {
        var messages = FromJson(
            FelInputs.AsJson(await context.EvaluateAsync(messagesInput, "messages"), $"{describe} input 'messages'"), $"{describe} input 'messages'");
        var system = await context.EvaluateAsync(systemInput, "system");
        var prompt = await context.EvaluateAsync(promptInput, "prompt");
        var variables = FelInputs.ReadVariables(await context.EvaluateAsync(variablesInput, "variables"), $"{describe} input 'variables'");
        if (!string.IsNullOrEmpty(system))
        {
            messages.Insert(0, new ChatMessage(ChatRole.System, FelInputs.Render(system, variables, $"{describe} template 'system'")));
        }

        if (!string.IsNullOrEmpty(prompt))
        {
            messages.Add(new ChatMessage(ChatRole.User, FelInputs.Render(prompt, variables, $"{describe} template 'prompt'")));
        }

        if (messages.Count == 0)
        {
            throw new WorkflowFaultException($"{describe} {emptyMessage}");
        }

        return messages;
    }

    /// <summary>Reads a role name, case-insensitively.</summary>
    /// <exception cref="WorkflowFaultException">The role is missing or unknown.</exception>
    public static ChatRole ParseRole(string? role, string describe) => role?.Trim().ToLowerInvariant() switch
    {
        "system" => ChatRole.System,
        "user" or "human" => ChatRole.User,
        "assistant" or "ai" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => throw new WorkflowFaultException($"{describe} has the role '{role}', which is not a chat role. Use one of: {Roles}."),
    };

    private static string FormatText(JsonNode? text) => text switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue(out string? plain) => plain,
        _ => text.ToJsonString(),
    };

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
}
