using System.Buffers.Binary;
using System.Net.Sockets;

namespace ModelEngine.Fit.Transfer;

/// <summary>
/// The frames of the TCP transfer protocol. Requests are 32 bytes: magic, operation, region key, offset, length.
/// Responses are a 16-byte header (magic, status, body length) and the body: the requested bytes, or a UTF-8 error text.
/// All integers are little-endian.
/// </summary>
internal static class TransferFrame
{
    /// <summary>"MEFX" read as a little-endian integer.</summary>
    public const uint Magic = 0x5846454D;

    public const int RequestSize = 32;

    public const int ResponseHeaderSize = 16;

    /// <summary>The maximum length in bytes of the error text a response may carry.</summary>
    public const int MaxErrorLength = 4096;

    public const byte OperationRead = 1;

    public const byte OperationReleaseLease = 2;

    public const byte StatusOk = 0;

    public const byte StatusUnknownRegion = 1;

    public const byte StatusOutOfRange = 2;

    public const byte StatusBadRequest = 3;

    public const byte StatusNoLease = 4;

    public static void WriteRequest(Span<byte> frame, byte operation, ulong region, long offset, long length)
    {
        frame[..RequestSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        frame[4] = operation;
        BinaryPrimitives.WriteUInt64LittleEndian(frame[8..], region);
        BinaryPrimitives.WriteInt64LittleEndian(frame[16..], offset);
        BinaryPrimitives.WriteInt64LittleEndian(frame[24..], length);
    }

    public static void WriteResponseHeader(Span<byte> frame, byte status, long bodyLength)
    {
        frame[..ResponseHeaderSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        frame[4] = status;
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], bodyLength);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes. Returns false when the peer closed before the first byte.</summary>
    public static async ValueTask<bool> ReadExactlyOrEndAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                if (read == 0)
                {
                    return false;
                }

                throw new IOException("The transfer connection closed in the middle of a frame.");
            }

            read += count;
        }

        return true;
    }
}
