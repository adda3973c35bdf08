using System.Buffers;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// Exposes a range of a mapped segment as <see cref="Memory{T}"/> without copying. The pointer stays valid while the
/// segment's mapping is open, which the payload that created this manager guarantees until it is disposed.
/// </summary>
internal sealed unsafe class PointerMemoryManager : MemoryManager<byte>
{
    /// <summary>The first byte of the range.</summary>
    private readonly byte* _pointer;

    /// <summary>The range length, at most <see cref="int.MaxValue"/>, the limit of one span.</summary>
    private readonly int _length;

    public PointerMemoryManager(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
        // The mapping does not move. There is nothing to unpin.
    }

    protected override void Dispose(bool disposing)
    {
        // The mapping belongs to the segment, not to this manager.
    }
}
