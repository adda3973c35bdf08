namespace ModelEngine.Waterflow;

/// <summary>Flushes one session's state at a node, then releases the live count the flush held.</summary>
internal sealed class FlushControl(ISessionFlush node, FlowSession root) : IStageControl
{
    public void Run()
    {
        try
        {
            node.Flush(root);
        }
        finally
        {
            root.Release(1);
        }
    }
}

/// <summary>The stage-thread side of a flushable node.</summary>
internal interface ISessionFlush
{
    void Flush(FlowSession root);
}
