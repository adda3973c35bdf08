namespace ModelEngine.Waterflow;

/// <summary>
/// Items in and out of one node. Fused nodes update the fields from their single stage thread with plain
/// increments, and concurrent stages use <see cref="AddIn"/> and <see cref="AddOut"/>, which are atomic.
/// Metrics read the fields with volatile reads.
/// </summary>
internal sealed class NodeCounters
{
    public long ItemsIn;
    public long ItemsOut;

    public void AddIn(long count) => Interlocked.Add(ref ItemsIn, count);

    public void AddOut(long count) => Interlocked.Add(ref ItemsOut, count);
}
