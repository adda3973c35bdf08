namespace ModelEngine.Fel;

/// <summary>Thrown when a turn is sent to a conversation whose previous turn is still running.</summary>
public sealed class ConversationBusyException : InvalidOperationException
{
    public ConversationBusyException(string conversationId)
        : base($"Conversation '{conversationId}' is still answering its previous turn. Wait for that turn to finish, then send the next one.")
    {
        ConversationId = conversationId;
    }

    public string ConversationId { get; }
}
