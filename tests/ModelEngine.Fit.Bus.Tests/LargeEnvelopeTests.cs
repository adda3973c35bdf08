using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

public sealed class LargeEnvelopeTests
{
    [Theory]
    [InlineData(16 * 1024 * 1024)]
    [InlineData(64 * 1024 * 1024)]
    public void ARequestWithALargeBody_RoundTripsThroughTheBusCodec(int size)
    {
        var payload = new byte[size];
        payload[^1] = 42;
        var codec = new FlatBuffersEnvelopeCodec();

        var body = codec.WriteRequest(FitNode.Request("x") with { Arguments = [new FitValue(FitValueKind.Bytes, payload)] });
        var request = codec.ReadRequest(body);

        Assert.Equal(size, request.Arguments[0].Data.Length);
        Assert.Equal(42, request.Arguments[0].Data.Span[^1]);
    }
}
