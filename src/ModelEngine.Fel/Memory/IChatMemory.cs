using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>The messages a conversation remembers and sends back to the model on its next turn.</summary>
public interface IChatMemory
{
    /// <summary>The remembered messages, oldest first.</summary>
    IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Adds a message. The memory may drop older ones.</summary>
    void Add(ChatMessage message);

    /// <summary>Forgets every message.</summary>
    void Clear();
}
