using Google.FlatBuffers;
using ModelEngine.Fit.Protocol;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>Writes requests and reads responses and heartbeats with the C# code generated from fit.fbs.</summary>
internal static class FitWire
{
    public const string ContentType = "application/vnd.modelengine.fit+flatbuffers";

    public static byte[] EncodeRequest(
        string requestId, string genericableId, string fitableId, IReadOnlyList<WireValue> arguments, long timeoutMs = 0)
    {
        var builder = new FlatBufferBuilder(256);
        var values = arguments.Select(argument => BuildValue(builder, argument)).ToArray();
        var argumentsVector = Request.CreateArgumentsVector(builder, values);
        var request = Request.CreateRequest(
            builder,
            builder.CreateString(requestId),
            builder.CreateString(genericableId),
            builder.CreateString("1.0.0"),
            builder.CreateString(fitableId),
            argumentsVector,
            timeoutMs,
            default,
            builder.CreateString("test-caller-node"));
        var envelope = Envelope.CreateEnvelope(builder, 1, request);
        Envelope.FinishEnvelopeBuffer(builder, envelope);
        return builder.SizedByteArray();
    }

    public static WireResponse DecodeResponse(byte[] body, string headerRequestId, string? contentType)
    {
        var envelope = ReadEnvelope(body);
        var response = envelope.Response ?? throw new InvalidDataException("The envelope carries no response.");
        var result = response.Result is { } value ? ReadValue(value) : new WireValue(ValueKind.Null, []);
        return new WireResponse(
            headerRequestId, contentType, response.RequestId, response.Status, result, response.ErrorType,
            response.ErrorMessage, response.WorkerId);
    }

    public static WireHeartbeat DecodeHeartbeat(byte[] body, string? contentType)
    {
        var envelope = ReadEnvelope(body);
        var heartbeat = envelope.Heartbeat ?? throw new InvalidDataException("The envelope carries no heartbeat.");
        var fitables = new List<string>();
        for (var i = 0; i < heartbeat.FitablesLength; i++)
        {
            var fitable = heartbeat.Fitables(i)!.Value;
            fitables.Add($"{fitable.GenericableId}/{fitable.FitableId}");
        }

        return new WireHeartbeat(
            heartbeat.WorkerId, heartbeat.NodeId, heartbeat.Queue, heartbeat.Language, heartbeat.AliveMs,
            heartbeat.Sequence, heartbeat.Stopping, fitables, contentType);
    }

    private static Envelope ReadEnvelope(byte[] body)
    {
        var buffer = new ByteBuffer(body);
        if (!Envelope.EnvelopeBufferHasIdentifier(buffer))
        {
            throw new InvalidDataException($"The body ({body.Length} bytes) lacks the MEFT file identifier.");
        }

        var envelope = Envelope.GetRootAsEnvelope(buffer);
        if (envelope.ProtocolVersion != 1)
        {
            throw new InvalidDataException($"The envelope has protocol version {envelope.ProtocolVersion}, not 1.");
        }

        return envelope;
    }

    private static Offset<Value> BuildValue(FlatBufferBuilder builder, WireValue value)
    {
        if (value.HandleSegment is { } segment)
        {
            var handle = PayloadHandle.CreatePayloadHandle(
                builder,
                builder.CreateString("test-caller-node"),
                builder.CreateString(segment),
                region: 1,
                offset: 0,
                length: 1 << 20,
                generation: 1,
                encoding: PayloadEncoding.Bytes);
            return Value.CreateValue(builder, value.Kind, default, handle);
        }

        var data = value.Data.Length > 0 ? Value.CreateDataVectorBlock(builder, value.Data) : default;
        return Value.CreateValue(builder, value.Kind, data);
    }

    private static WireValue ReadValue(Value value) => new(value.Kind, value.GetDataArray() ?? [], value.Handle?.Segment);
}
