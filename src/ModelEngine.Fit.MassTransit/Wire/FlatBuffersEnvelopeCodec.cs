using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>The bus's envelope codec over <see cref="FitEnvelope"/>: the FlatBuffers wire format of docs/fit-protocol.md.</summary>
internal sealed class FlatBuffersEnvelopeCodec : IFitEnvelopeCodec
{
    public FitEnvelopeKind GetKind(ReadOnlyMemory<byte> body) => FitEnvelope.GetKind(body);

    public byte[] WriteRequest(FitRequest request) => FitEnvelope.WriteRequest(request);

    public byte[] WriteResponse(FitResponse response) => FitEnvelope.WriteResponse(response);

    public byte[] WriteHeartbeat(FitHeartbeat heartbeat) => FitEnvelope.WriteHeartbeat(heartbeat);

    public FitRequest ReadRequest(ReadOnlyMemory<byte> body) => FitEnvelope.ReadRequest(body);

    public FitResponse ReadResponse(ReadOnlyMemory<byte> body) => FitEnvelope.ReadResponse(body);

    public FitHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body) => FitEnvelope.ReadHeartbeat(body);
}
