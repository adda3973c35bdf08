namespace ModelEngine.Waterflow;

/// <summary>A node that keeps per-session state (a partial window or join group) and emits it when a session completes.</summary>
internal interface IFlushable
{
    /// <summary>Asks the node's stage to flush the session on its own thread and then release one live count.</summary>
    void PostFlush(FlowSession root);
}
