using System.Text.Json;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>
/// A JSON stand-in for the FlatBuffers envelope, used until the bus is switched to <c>FitEnvelope</c>.
/// </summary>
/// <remarks>
/// TODO: replace with an adapter over ModelEngine.Fit.Protocol.FitEnvelope; until then a worker in another language
/// cannot read these bodies.
/// </remarks>
internal sealed class StandInEnvelopeCodec : IFitEnvelopeCodec
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General);

    public FitBusEnvelopeKind GetKind(ReadOnlyMemory<byte> body)
    {
        var envelope = Read(body);
        return envelope.Request is not null ? FitBusEnvelopeKind.Request
            : envelope.Response is not null ? FitBusEnvelopeKind.Response
            : envelope.Heartbeat is not null ? FitBusEnvelopeKind.Heartbeat
            : FitBusEnvelopeKind.Unknown;
    }

    public byte[] WriteRequest(FitRequest request) => JsonSerializer.SerializeToUtf8Bytes(new Envelope { Request = request }, s_options);

    public byte[] WriteResponse(FitResponse response) => JsonSerializer.SerializeToUtf8Bytes(new Envelope { Response = response }, s_options);

    public byte[] WriteHeartbeat(FitBusHeartbeat heartbeat) => JsonSerializer.SerializeToUtf8Bytes(new Envelope { Heartbeat = heartbeat }, s_options);

    public FitRequest ReadRequest(ReadOnlyMemory<byte> body) => Read(body).Request ?? throw Malformed("it holds no request");

    public FitResponse ReadResponse(ReadOnlyMemory<byte> body) => Read(body).Response ?? throw Malformed("it holds no response");

    public FitBusHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body) => Read(body).Heartbeat ?? throw Malformed("it holds no heartbeat");

    private static Envelope Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<Envelope>(body.Span, s_options) ?? throw Malformed("it is empty");
        }
        catch (JsonException exception)
        {
            throw Malformed(exception.Message, exception);
        }
    }

    private static FitException Malformed(string reason, Exception? inner = null) =>
        new(FitErrorCode.BadRequest, $"The FIT message body is malformed: {reason}", inner);

    private sealed class Envelope
    {
        public FitRequest? Request { get; init; }

        public FitResponse? Response { get; init; }

        public FitBusHeartbeat? Heartbeat { get; init; }
    }
}
