namespace ModelEngine.Fit.Transfer;

/// <summary>
/// Reads memory that another node registered, shaped like RDMA: one-sided reads of (region, offset, length) into memory
/// the caller provides. The owner's CPU serves the read in the TCP implementation. An RDMA implementation has the NIC do it.
/// </summary>
public interface IMemoryTransport
{
    /// <summary>
    /// Fills <paramref name="destination"/> with the bytes of <paramref name="region"/> that start at
    /// <paramref name="offset"/>. Throws <see cref="Client.FitException"/> with
    /// <see cref="Client.FitErrorCode.PayloadUnavailable"/> when the region is not registered or the range lies outside
    /// it, and <see cref="Client.FitErrorCode.Unavailable"/> when the owner cannot be reached or does not respond in time.
    /// </summary>
    ValueTask ReadAsync(RemoteRegion region, long offset, Memory<byte> destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notifies the owner that the reader has copied the region and gives back the lease the sender took for it. This is a
    /// two-sided control message, not a memory operation. Returns false when the owner had no lease to give back.
    /// </summary>
    ValueTask<bool> ReleaseLeaseAsync(RemoteRegion region, CancellationToken cancellationToken = default);
}
