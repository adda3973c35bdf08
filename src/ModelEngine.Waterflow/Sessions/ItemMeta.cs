namespace ModelEngine.Waterflow;

/// <summary>What travels with every item: its session, its order index and the fork group it belongs to.</summary>
internal readonly struct ItemMeta
{
    public readonly FlowSession Session;

    /// <summary>Position within a preserved session, or -1 when the session does not keep order.</summary>
    public readonly long Index;

    /// <summary>The innermost parallel fork that produced this item, or null outside a fork.</summary>
    public readonly ForkGroup? Fork;

    public ItemMeta(FlowSession session, long index, ForkGroup? fork)
    {
        Session = session;
        Index = index;
        Fork = fork;
    }

    public ItemMeta WithSession(FlowSession session) => new(session, Index, Fork);

    public ItemMeta WithFork(ForkGroup? fork) => new(Session, Index, fork);
}
