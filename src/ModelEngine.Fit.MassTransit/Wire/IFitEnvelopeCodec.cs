using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>
/// Writes and reads the FlatBuffers envelope for the bus. It mirrors the static <c>FitEnvelope</c> codec of
/// ModelEngine.Fit so that the bus can switch to it by replacing one registration.
/// </summary>
internal interface IFitEnvelopeCodec
{
    /// <summary>Tells which message <paramref name="body"/> holds; throws a BadRequest FitException when it is not an envelope.</summary>
    FitBusEnvelopeKind GetKind(ReadOnlyMemory<byte> body);

    byte[] WriteRequest(FitRequest request);

    byte[] WriteResponse(FitResponse response);

    byte[] WriteHeartbeat(FitBusHeartbeat heartbeat);

    FitRequest ReadRequest(ReadOnlyMemory<byte> body);

    FitResponse ReadResponse(ReadOnlyMemory<byte> body);

    FitBusHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body);
}
