namespace ModelEngine.Workflows.Activities;

/// <summary>
/// How a flowchart treats tokens reaching an activity. <see cref="None"/> runs it once per token;
/// <see cref="WaitAll"/> waits until each inbound connection has a token or can no longer get one;
/// <see cref="WaitAny"/> runs on the first token and cancels the branches still heading for it.
/// </summary>
public enum JoinMode
{
    None,
    WaitAll,
    WaitAny,
}
