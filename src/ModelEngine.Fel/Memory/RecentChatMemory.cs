using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// Remembers the most recent <see cref="Capacity"/> messages, the default memory of a conversation. Only text
/// messages are kept, so that the memory can be stored as JSON with a workflow instance.
/// </summary>
public sealed class RecentChatMemory : IChatMemory
{
    /// <summary>The number of messages kept when no capacity is given.</summary>
    public const int DefaultCapacity = 20;

    private readonly LinkedList<ChatMessage> _messages = new();

    public RecentChatMemory(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The number of messages kept.</summary>
    public int Capacity { get; }

    public IReadOnlyList<ChatMessage> Messages => _messages.ToList();

    public void Add(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.AddLast(message);
        while (_messages.Count > Capacity)
        {
            _messages.RemoveFirst();
        }
    }

    public void Clear() => _messages.Clear();

    /// <summary>Writes the memory as <c>{"capacity": n, "messages": [{"role": "user", "text": "…"}, …]}</c>.</summary>
    public JsonObject ToJson()
    {
        var messages = new JsonArray();
        foreach (var message in _messages)
        {
            messages.Add(new JsonObject { ["role"] = message.Role.Value, ["text"] = message.Text });
        }

        return new JsonObject { ["capacity"] = Capacity, ["messages"] = messages };
    }

    /// <summary>Reads a memory written by <see cref="ToJson"/>. A missing or empty node gives an empty memory.</summary>
    public static RecentChatMemory FromJson(JsonNode? node, int capacity = DefaultCapacity)
    {
        var stored = node as JsonObject;
        var memory = new RecentChatMemory(stored?["capacity"]?.GetValue<int>() ?? capacity);
        if (stored?["messages"] is JsonArray messages)
        {
            foreach (var item in messages.OfType<JsonObject>())
            {
                var role = item["role"]?.GetValue<string>() ?? ChatRole.User.Value;
                memory.Add(new ChatMessage(new ChatRole(role), item["text"]?.GetValue<string>() ?? string.Empty));
            }
        }

        return memory;
    }
}
