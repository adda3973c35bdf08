namespace ModelEngine.Waterflow;

/// <summary>A producer that waits for credits on an edge and is called back once they are granted.</summary>
internal interface ICreditWaiter
{
    /// <summary>Called without any lock held after the edge granted credits or was closed.</summary>
    void OnCredit();
}

/// <summary>The consumer of an edge, scheduled when items or control signals arrive.</summary>
internal interface IEdgeConsumer
{
    void Schedule();
}
