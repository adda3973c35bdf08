namespace ModelEngine.Fit.Transfer;

/// <summary>Memory this node made readable by other nodes: a sealed shared-memory segment, for instance.</summary>
public interface IRegisteredMemory
{
    /// <summary>The readable length in bytes.</summary>
    long Length { get; }

    /// <summary>
    /// Keeps the memory mapped and returns <paramref name="length"/> bytes from <paramref name="offset"/> in place. The
    /// caller has checked the range against <see cref="Length"/> and calls <see cref="Unpin"/> when it has sent them.
    /// Returns false when the memory went away in the meantime.
    /// </summary>
    bool TryPin(long offset, int length, out ReadOnlyMemory<byte> memory);

    /// <summary>Ends one successful <see cref="TryPin"/>.</summary>
    void Unpin();

    /// <summary>Gives back one lease a sender took for a reader on another node; false when there was none.</summary>
    bool ReleaseLease();

    /// <summary>Called once when the region is deregistered, so the memory can be unmapped.</summary>
    void OnDeregistered();
}
