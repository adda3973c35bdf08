using System.Buffers;

namespace ModelEngine.Fit.Transfer;

/// <summary>Memory this node made readable by other nodes: a sealed shared-memory segment, for instance.</summary>
public interface IRegisteredMemory
{
    /// <summary>The readable length in bytes.</summary>
    long Length { get; }

    /// <summary>
    /// Keeps the memory mapped and returns <paramref name="length"/> bytes from <paramref name="offset"/> in place, until
    /// the returned owner is disposed. The caller has checked the range against <see cref="Length"/>. Returns null when
    /// the memory went away in the meantime.
    /// </summary>
    IMemoryOwner<byte>? Pin(long offset, int length);

    /// <summary>Gives back one lease a sender took for a reader on another node. Returns false when there was none.</summary>
    bool ReleaseLease();
}
