namespace ModelEngine.Waterflow;

/// <summary>The receiving side of a node: fused nodes call the next node's inlet directly on the same thread.</summary>
internal abstract class Inlet<T>
{
    public abstract void OnNext(T value, in ItemMeta meta);
}
