using System.Buffers;
using Google.FlatBuffers;
using ModelEngine.Fit.Client;

namespace ModelEngine.Fit.Protocol;

/// <summary>
/// Writes and reads the FlatBuffers <c>Envelope</c> that carries every FIT message body (file identifier <c>MEFT</c>).
/// </summary>
/// <remarks>
/// Writing reuses one builder per thread, so a message costs no builder allocation once the thread has written one.
/// Reading does not copy inline values: each <see cref="Remote.FitValue.Data"/> slices the body that was read, so it is
/// valid only while the body is. A body that is not backed by an array is copied once before it is read.
/// </remarks>
public static partial class FitEnvelope
{
    /// <summary>The file identifier in bytes 4 to 8 of every envelope.</summary>
    public const string FileIdentifier = "MEFT";

    /// <summary>The protocol version this code writes.</summary>
    public const ushort ProtocolVersion = 1;

    /// <summary>The media type of a FIT message body on the bus.</summary>
    public const string ContentType = "application/vnd.modelengine.fit+flatbuffers";

    /// <summary>A builder above this size is dropped after use instead of being kept for the next message.</summary>
    private const int MaxRetainedBuilderBytes = 1024 * 1024;

    /// <summary>The size a new builder starts with.</summary>
    private const int InitialBuilderBytes = 1024;

    /// <summary>The builder this thread reuses between messages, or null while it is in use.</summary>
    [ThreadStatic]
    private static FlatBufferBuilder? t_builder;

    /// <summary>Returns which message <paramref name="body"/> contains, after checking its identifier.</summary>
    /// <exception cref="FitException">With <see cref="FitErrorCode.BadRequest"/> when the body is not a FIT envelope.</exception>
    public static FitEnvelopeKind GetKind(ReadOnlyMemory<byte> body)
    {
        var reader = new BodyReader(body);
        try
        {
            var envelope = reader.Envelope;
            if (envelope.Request.HasValue)
            {
                return FitEnvelopeKind.Request;
            }

            if (envelope.Response.HasValue)
            {
                return FitEnvelopeKind.Response;
            }

            return envelope.Heartbeat.HasValue ? FitEnvelopeKind.Heartbeat : FitEnvelopeKind.Unknown;
        }
        catch (Exception exception) when (IsMalformedBodyException(exception))
        {
            throw Malformed(exception.Message, exception);
        }
    }

    /// <summary>Copies the finished envelope out of <paramref name="builder"/> into <paramref name="output"/>.</summary>
    private static void CopyFinished(FlatBufferBuilder builder, IBufferWriter<byte> output)
    {
        var buffer = builder.DataBuffer;
        var finished = buffer.ToArraySegment(buffer.Position, buffer.Length - buffer.Position);
        output.Write(finished.AsSpan());
    }

    /// <summary>Copies the finished envelope out of <paramref name="builder"/> into a new array.</summary>
    private static byte[] ToArray(FlatBufferBuilder builder)
    {
        var buffer = builder.DataBuffer;
        return buffer.ToArraySegment(buffer.Position, buffer.Length - buffer.Position).AsSpan().ToArray();
    }

    /// <summary>Takes this thread's builder, or a new one when it is in use (a nested write) or was dropped.</summary>
    private static FlatBufferBuilder RentBuilder()
    {
        var builder = t_builder;
        t_builder = null;
        return builder ?? new FlatBufferBuilder(InitialBuilderBytes);
    }

    /// <summary>Keeps <paramref name="builder"/> for the next message on this thread unless it grew large.</summary>
    private static void ReturnBuilder(FlatBufferBuilder builder)
    {
        if (builder.DataBuffer.Length > MaxRetainedBuilderBytes)
        {
            return;
        }

        builder.Clear();
        t_builder = builder;
    }

    /// <summary>Exceptions the FlatBuffers accessors raise when offsets in a body point outside it.</summary>
    private static bool IsMalformedBodyException(Exception exception) =>
        exception is ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException
            or OverflowException or InvalidCastException;

    /// <summary>Creates the error for a body that cannot be read as a FIT envelope.</summary>
    private static FitException Malformed(string reason, Exception? inner = null) =>
        new(FitErrorCode.BadRequest, $"The FIT message body is malformed: {reason}", inner);
}
