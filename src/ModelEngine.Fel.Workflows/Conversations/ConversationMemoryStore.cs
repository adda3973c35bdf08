using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Fel.Workflows.Conversations;

/// <summary>
/// Reads and writes conversation memories in an instance's <see cref="WorkflowState.Properties"/>, under
/// <see cref="PropertyName"/> and then the conversation id. The memory is saved with the instance's state, so it
/// survives suspension, a restart and a move to another node.
/// </summary>
public static class ConversationMemoryStore
{
    /// <summary>The instance property that contains every conversation: conversation id to a <see cref="RecentChatMemory"/> JSON object.</summary>
    public const string PropertyName = "fel:conversations";

    /// <summary>Returns the stored memory of <paramref name="conversationId"/>, keeping at most <paramref name="capacity"/> messages.</summary>
    public static RecentChatMemory Load(WorkflowState state, string conversationId, int capacity)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stored = RecentChatMemory.FromJson((state.Properties[PropertyName] as JsonObject)?[conversationId]);
        if (stored.Capacity == capacity)
        {
            return stored;
        }

        // The activity's memory size wins over the stored one, so that a designer can change it between turns.
        var memory = new RecentChatMemory(capacity);
        foreach (var message in stored.Messages)
        {
            memory.Add(message);
        }

        return memory;
    }

    /// <summary>Stores <paramref name="memory"/> as the memory of <paramref name="conversationId"/>.</summary>
    public static void Save(WorkflowState state, string conversationId, RecentChatMemory memory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(memory);
        if (state.Properties[PropertyName] is not JsonObject conversations)
        {
            conversations = [];
            state.Properties[PropertyName] = conversations;
        }

        conversations[conversationId] = memory.ToJson();
    }
}
