using System.Runtime.InteropServices;
using MassTransit;

namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>
/// An envelope as a MassTransit message body. When the envelope fills a whole array, the transport gets that array and
/// nothing is copied. Otherwise the bytes are copied once, on first use.
/// </summary>
internal sealed class FitMessageBody(ReadOnlyMemory<byte> envelope) : MessageBody
{
    /// <summary>The array handed to the transport, once made.</summary>
    private byte[]? _bytes;

    public long? Length => envelope.Length;

    public Stream GetStream() => new MemoryStream(GetBytes(), writable: false);

    public byte[] GetBytes()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        // A body that is exactly one array goes out as that array: a 64 MiB payload is not copied again here.
        if (MemoryMarshal.TryGetArray(envelope, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
        {
            return _bytes = segment.Array;
        }

        return _bytes = envelope.ToArray();
    }

    public string GetString() => Convert.ToBase64String(envelope.Span);
}
