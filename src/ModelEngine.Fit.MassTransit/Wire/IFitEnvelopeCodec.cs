using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>
/// Writes and reads the envelope for the bus. The bus takes it from the container, so a test can put a codec of its own
/// between the bus and <see cref="FitEnvelope"/>.
/// </summary>
internal interface IFitEnvelopeCodec
{
    /// <summary>Returns which message <paramref name="body"/> contains. Throws a BadRequest FitException when it is not an envelope.</summary>
    FitEnvelopeKind GetKind(ReadOnlyMemory<byte> body);

    byte[] WriteRequest(FitRequest request);

    byte[] WriteResponse(FitResponse response);

    byte[] WriteHeartbeat(FitHeartbeat heartbeat);

    FitRequest ReadRequest(ReadOnlyMemory<byte> body);

    FitResponse ReadResponse(ReadOnlyMemory<byte> body);

    FitHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body);
}
