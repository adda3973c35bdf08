using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>The bus's envelope codec over <see cref="FitEnvelope"/>: the FlatBuffers wire format of docs/fit-protocol.md.</summary>
internal sealed class FlatBuffersEnvelopeCodec : IFitEnvelopeCodec
{
    public FitBusEnvelopeKind GetKind(ReadOnlyMemory<byte> body) => (FitBusEnvelopeKind)(int)FitEnvelope.GetKind(body);

    public byte[] WriteRequest(FitRequest request) => FitEnvelope.WriteRequest(request);

    public byte[] WriteResponse(FitResponse response) => FitEnvelope.WriteResponse(response);

    public byte[] WriteHeartbeat(FitBusHeartbeat heartbeat) => FitEnvelope.WriteHeartbeat(new FitHeartbeat
    {
        WorkerId = heartbeat.WorkerId,
        NodeId = heartbeat.NodeId,
        Queue = heartbeat.Queue,
        TransferEndpoint = heartbeat.TransferEndpoint,
        Language = heartbeat.Language,
        Fitables = heartbeat.Fitables,
        AliveFor = heartbeat.AliveFor,
        Sequence = heartbeat.Sequence,
        Stopping = heartbeat.Stopping,
    });

    public FitRequest ReadRequest(ReadOnlyMemory<byte> body) => FitEnvelope.ReadRequest(body);

    public FitResponse ReadResponse(ReadOnlyMemory<byte> body) => FitEnvelope.ReadResponse(body);

    public FitBusHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body)
    {
        var heartbeat = FitEnvelope.ReadHeartbeat(body);
        return new FitBusHeartbeat
        {
            WorkerId = heartbeat.WorkerId,
            NodeId = heartbeat.NodeId,
            Queue = heartbeat.Queue,
            TransferEndpoint = heartbeat.TransferEndpoint,
            Language = heartbeat.Language,
            Fitables = heartbeat.Fitables,
            AliveFor = heartbeat.AliveFor,
            Sequence = heartbeat.Sequence,
            Stopping = heartbeat.Stopping,
        };
    }
}
