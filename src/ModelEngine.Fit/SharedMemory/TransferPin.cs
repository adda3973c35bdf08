using System.Buffers;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>Keeps a segment mapped while the transfer service sends a range of it.</summary>
internal sealed unsafe class TransferPin : IMemoryOwner<byte>
{
    private readonly SharedMemoryStore _store;

    private readonly SegmentMapping _mapping;

    /// <summary>Set once when disposed, so that the mapping is released exactly once.</summary>
    private int _disposed;

    public TransferPin(SharedMemoryStore store, SegmentMapping mapping, long offset, int length)
    {
        _store = store;
        _mapping = mapping;
        Memory = new PointerMemoryManager(mapping.Data + offset, length).Memory;
    }

    public Memory<byte> Memory { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.ReleaseLocal(_mapping);
        }
    }
}
