namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// The node-local store of large payloads: memory-mapped files under <c>/dev/shm</c>, sealed once written,
/// reference-counted with leases.
/// </summary>
public interface ISharedMemoryStore
{
    /// <summary>This node's id, which the handles this store writes carry.</summary>
    string NodeId { get; }

    /// <summary>Copies the bytes into a new sealed segment and returns the first reference to it.</summary>
    FitPayload Write(ReadOnlySpan<byte> data, PayloadEncoding encoding = PayloadEncoding.Bytes);

    /// <summary>Encodes the string as UTF-8 straight into a new sealed segment.</summary>
    FitPayload WriteString(string value);

    /// <summary>
    /// Opens a payload by handle. A handle of this node is mapped in place. A handle of another node is first pulled
    /// from the owner's transfer service into a local segment. Throws <see cref="Client.FitException"/> with
    /// <see cref="Client.FitErrorCode.PayloadUnavailable"/> when the segment is gone, torn or abandoned.
    /// </summary>
    ValueTask<FitPayload> OpenAsync(PayloadHandle handle, CancellationToken cancellationToken = default);

    /// <summary>Removes segments whose owners died or whose leases all expired, and returns how many went.</summary>
    int Collect();
}
