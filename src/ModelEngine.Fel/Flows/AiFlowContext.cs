namespace ModelEngine.Fel;

/// <summary>The state one FEL flow's operators share with the conversation that runs the flow, if any.</summary>
internal sealed class AiFlowContext
{
    /// <summary>The session-state key of the history a conversation passes to its Prompt node.</summary>
    public const string HistoryKey = "fel.history";

    /// <summary>The session-state key where a Prompt node stores the human messages it rendered.</summary>
    public const string HumanMessagesKey = "fel.human";

    /// <summary>The token of the conversation turn now running, or <see cref="CancellationToken.None"/>.</summary>
    public CancellationToken TurnToken { get; set; }

    /// <summary>True once a conversation owns the flow, because a flow can serve only one conversation.</summary>
    public bool HasConversation { get; set; }

    /// <summary>Returns a source whose token is cancelled by the flow or by the running turn.</summary>
    public CancellationTokenSource Link(CancellationToken flowToken) =>
        CancellationTokenSource.CreateLinkedTokenSource(flowToken, TurnToken);
}
