namespace ModelEngine.Waterflow;

/// <summary>An item together with its session, order index and fork group while it crosses an edge.</summary>
internal struct Envelope<T>
{
    public T Value;
    public ItemMeta Meta;

    public Envelope(T value, in ItemMeta meta)
    {
        Value = value;
        Meta = meta;
    }
}
