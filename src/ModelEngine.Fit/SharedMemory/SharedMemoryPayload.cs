namespace ModelEngine.Fit.SharedMemory;

/// <summary>One reference to a segment of a <see cref="SharedMemoryStore"/>, reading it in place.</summary>
internal sealed unsafe class SharedMemoryPayload : FitPayload
{
    private readonly SharedMemoryStore _store;

    /// <summary>Set once when disposed, so that the reference is released exactly once.</summary>
    private int _disposed;

    /// <summary>The memory over the mapping, created on first use.</summary>
    private PointerMemoryManager? _memory;

    public SharedMemoryPayload(SharedMemoryStore store, SegmentMapping mapping, PayloadHandle handle)
    {
        _store = store;
        Mapping = mapping;
        Handle = handle;
    }

    public override PayloadHandle Handle { get; }

    internal SegmentMapping Mapping { get; }

    /// <exception cref="NotSupportedException">The payload is larger than one span can address (2 GiB).</exception>
    public override ReadOnlyMemory<byte> Memory
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_memory is null)
            {
                if (Handle.Length > int.MaxValue)
                {
                    throw new NotSupportedException(
                        $"The payload '{Handle.Segment}' is too large for one span: it contains {Handle.Length} bytes, and a span addresses at most {int.MaxValue}.");
                }

                _memory = new PointerMemoryManager(Mapping.Data + Handle.Offset, (int)Handle.Length);
            }

            return _memory.Memory;
        }
    }

    public override FitPayload Retain()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _store.Retain(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.Release(Mapping);
        }
    }
}
