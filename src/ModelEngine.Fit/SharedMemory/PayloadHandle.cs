namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// Names a sealed payload in a node's shared-memory store. It is plain data: it travels inside the FlatBuffers
/// envelope, and a reader on another node uses <see cref="NodeId"/>, <see cref="TransferEndpoint"/> and
/// <see cref="Region"/> to pull the bytes from the owner.
/// </summary>
/// <param name="NodeId">The node whose store owns the segment.</param>
/// <param name="Segment">The segment's file name in the owner's store directory.</param>
/// <param name="Region">The key under which the owner registered the segment with its transfer service.</param>
/// <param name="Offset">Where the payload starts inside the segment's data area.</param>
/// <param name="Length">The payload length in bytes.</param>
/// <param name="Generation">A value the owner writes into the segment header. A mismatch means the segment was reused.</param>
/// <param name="Encoding">The encoding of the bytes: UTF-8 text or raw bytes.</param>
/// <param name="TransferEndpoint">Where the owner's transfer service listens, for example <c>127.0.0.1:7801</c>.</param>
public sealed record PayloadHandle(
    string NodeId,
    string Segment,
    ulong Region,
    long Offset,
    long Length,
    ulong Generation,
    PayloadEncoding Encoding,
    string? TransferEndpoint);
