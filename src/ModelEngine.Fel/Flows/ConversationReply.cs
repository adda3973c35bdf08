namespace ModelEngine.Fel;

/// <summary>The result of one conversation turn.</summary>
/// <param name="Text">The assistant's reply as stored in the memory.</param>
/// <param name="Outputs">The flow's outputs for the turn, in order.</param>
public sealed record ConversationReply<T>(string Text, IReadOnlyList<T> Outputs);
