namespace ModelEngine.Waterflow;

/// <summary>
/// The outlet of a stage into the input edge of the next stage. It collects outputs into a local batch and
/// writes the batch when it is full or when the stage finishes an input batch. When the edge has no credits
/// left, the remaining outputs stay here and the owning stage stops taking input until credits arrive.
/// </summary>
internal sealed class EdgeWriter<T> : Inlet<T>, IStageOutlet
{
    private const int MaxLocalBatch = 256;

    private readonly CreditEdge<T> _edge;
    private readonly Stage _owner;
    private readonly bool _isFeedback;
    private Envelope<T>[] _local;
    private int _count;

    public EdgeWriter(CreditEdge<T> edge, Stage owner, bool isFeedback)
    {
        _edge = edge;
        _owner = owner;
        _isFeedback = isFeedback;
        _local = new Envelope<T>[Math.Clamp(edge.Window, 1, MaxLocalBatch)];
    }

    public int Pending => _count;

    public override void OnNext(T value, in ItemMeta meta)
    {
        if (_count == _local.Length && !Flush())
        {
            // The edge is out of credits: keep the output here. The stage stops after the current item,
            // so this outbox contains at most the outputs of one input item beyond the local batch.
            Array.Resize(ref _local, _local.Length * 2);
            _owner.MarkBlocked();
        }

        _local[_count++] = new Envelope<T>(value, meta);
    }

    /// <summary>Writes the local batch. Returns false and registers the stage as a waiter if credits ran out.</summary>
    public bool Flush()
    {
        while (_count > 0)
        {
            int written;
            if (_isFeedback)
            {
                _edge.WriteWithoutCredits(_local.AsSpan(0, _count));
                written = _count;
            }
            else
            {
                written = _edge.TryWrite(_local.AsSpan(0, _count));
            }

            if (written > 0)
            {
                _local.AsSpan(written, _count - written).CopyTo(_local);
                _local.AsSpan(_count - written, written).Clear();
                _count -= written;
                continue;
            }

            if (_edge.RegisterWaiter(_owner))
            {
                _owner.MarkBlocked();
                return false;
            }
        }

        return true;
    }

    public void Discard()
    {
        Array.Clear(_local);
        _count = 0;
    }
}
