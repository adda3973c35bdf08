using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Testing;

/// <summary>One call a <see cref="ScriptedChatClient"/> received: a copy of the messages and the options.</summary>
public sealed record ScriptedRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming)
{
    /// <summary>The text of the last message, usually the human turn.</summary>
    public string LastText => Messages.Count == 0 ? string.Empty : Messages[^1].Text;
}
