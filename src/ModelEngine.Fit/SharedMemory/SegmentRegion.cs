using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>A sealed segment registered with the transfer service; it keeps the mapping open while registered.</summary>
internal sealed unsafe class SegmentRegion : IRegisteredMemory
{
    private readonly SharedMemoryStore _store;

    private readonly SegmentMapping _mapping;

    public SegmentRegion(SharedMemoryStore store, SegmentMapping mapping, long length)
    {
        _store = store;
        _mapping = mapping;
        Length = length;
    }

    public long Length { get; }

    public bool TryPin(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        if (!_mapping.TryAddLocalReference())
        {
            memory = default;
            return false;
        }

        memory = new PointerMemoryManager(_mapping.Data + offset, length).Memory;
        return true;
    }

    public void Unpin() => _store.ReleaseLocal(_mapping);

    public bool ReleaseLease() => _store.ReleaseLease(_mapping);

    public void OnDeregistered() => _store.ReleaseLocal(_mapping);
}
