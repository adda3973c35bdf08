using System.Buffers;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// A sealed segment registered with the transfer service. It names the segment rather than holding its mapping, so
/// that the segment's memory goes as soon as its last reference does, whichever process drops it.
/// </summary>
internal sealed class SegmentRegion : IRegisteredMemory
{
    private readonly SharedMemoryStore _store;

    private readonly string _name;

    private readonly ulong _generation;

    public SegmentRegion(SharedMemoryStore store, string name, ulong generation, long length)
    {
        _store = store;
        _name = name;
        _generation = generation;
        Length = length;
    }

    public long Length { get; }

    public IMemoryOwner<byte>? Pin(long offset, int length) => _store.PinForTransfer(_name, _generation, offset, length);

    public bool ReleaseLease() => _store.ReleaseLease(_name, _generation);
}
