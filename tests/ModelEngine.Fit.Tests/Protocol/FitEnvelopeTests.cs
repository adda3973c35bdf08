using System.Runtime.InteropServices;
using System.Text;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;
using PayloadEncoding = ModelEngine.Fit.SharedMemory.PayloadEncoding;
using PayloadHandle = ModelEngine.Fit.SharedMemory.PayloadHandle;

namespace ModelEngine.Fit.Tests.Protocol;

public sealed class FitEnvelopeTests
{
    private static readonly PayloadHandle s_handle =
        new("node-b", "seg-42-00000000000000ff", 0xDEADBEEFUL, 16, 1 << 20, 0xff, PayloadEncoding.Utf8, "127.0.0.1:7801");

    [Fact]
    public void Request_RoundTrip_KeepsAllFields()
    {
        var request = new FitRequest
        {
            RequestId = "r-1",
            GenericableId = "text.summarize",
            GenericableVersion = "2.1.0",
            FitableId = "fast",
            Arguments =
            [
                FitValue.Null,
                new FitValue(FitValueKind.Json, Encoding.UTF8.GetBytes("{\"a\":1}")),
                new FitValue(FitValueKind.Utf8, Encoding.UTF8.GetBytes("héllo")),
                new FitValue(FitValueKind.Bytes, new byte[] { 0, 1, 2, 255 }),
                FitValue.FromHandle(s_handle),
            ],
            Timeout = TimeSpan.FromMilliseconds(1500),
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            CallerNode = "node-a",
        };

        var body = FitEnvelope.WriteRequest(request);
        var read = FitEnvelope.ReadRequest(body);

        Assert.Equal(FitEnvelopeKind.Request, FitEnvelope.GetKind(body));
        Assert.Equal("MEFT", Encoding.ASCII.GetString(body, 4, 4));
        Assert.Equal(request with { Arguments = read.Arguments }, read);
        Assert.Equal(5, read.Arguments.Count);
        Assert.Equal(FitValueKind.Null, read.Arguments[0].Kind);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(read.Arguments[1].Data.Span));
        Assert.Equal(FitValueKind.Utf8, read.Arguments[2].Kind);
        Assert.Equal("héllo", Encoding.UTF8.GetString(read.Arguments[2].Data.Span));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.Arguments[3].Data.ToArray());
        Assert.Equal(s_handle, read.Arguments[4].Handle);
    }

    [Fact]
    public void ReadRequest_SlicesBody()
    {
        var request = Request(new FitValue(FitValueKind.Bytes, new byte[1000]));
        var body = FitEnvelope.WriteRequest(request);

        var read = FitEnvelope.ReadRequest(body);

        Assert.True(MemoryMarshal.TryGetArray(read.Arguments[0].Data, out var segment));
        Assert.Same(body, segment.Array);
    }

    [Fact]
    public void ReadRequest_OffsetBody_SlicesIt()
    {
        var body = FitEnvelope.WriteRequest(Request(new FitValue(FitValueKind.Utf8, Encoding.UTF8.GetBytes("x"))));
        var buffer = new byte[body.Length + 20];
        body.CopyTo(buffer, 7);

        var read = FitEnvelope.ReadRequest(buffer.AsMemory(7, body.Length));

        Assert.Equal("x", Encoding.UTF8.GetString(read.Arguments[0].Data.Span));
    }

    [Fact]
    public void Response_RoundTrip()
    {
        var response = new FitResponse
        {
            RequestId = "r-2",
            Status = FitResponseStatus.Faulted,
            Result = FitValue.FromHandle(s_handle),
            ErrorType = "System.InvalidOperationException",
            ErrorMessage = "boom",
            WorkerId = "worker-1",
        };

        var read = FitEnvelope.ReadResponse(FitEnvelope.WriteResponse(response));

        Assert.Equal(response, read);
    }

    [Fact]
    public void Heartbeat_RoundTrip_KeepsFitables()
    {
        var heartbeat = new FitHeartbeat
        {
            WorkerId = "worker-1",
            NodeId = "node-b",
            Queue = "fit.worker.worker-1",
            TransferEndpoint = "127.0.0.1:7801",
            Language = "python",
            Fitables =
            [
                new FitableDescriptor
                {
                    GenericableId = "text.summarize",
                    Id = "fast",
                    Aliases = ["quick", "cheap"],
                    Tags = ["gpu"],
                    IsDefault = true,
                    DegradesTo = "slow",
                },
                new FitableDescriptor { GenericableId = "text.summarize", Id = "slow" },
            ],
            AliveFor = TimeSpan.FromSeconds(15),
            Sequence = 7,
            Stopping = true,
        };

        var body = FitEnvelope.WriteHeartbeat(heartbeat);
        var read = FitEnvelope.ReadHeartbeat(body);

        Assert.Equal(FitEnvelopeKind.Heartbeat, FitEnvelope.GetKind(body));
        Assert.Equal(heartbeat with { Fitables = read.Fitables }, read);
        Assert.Equal(2, read.Fitables.Count);
        Assert.Equal(["quick", "cheap"], read.Fitables[0].Aliases);
        Assert.Equal(heartbeat.Fitables[0] with { Aliases = read.Fitables[0].Aliases, Tags = read.Fitables[0].Tags }, read.Fitables[0]);
        Assert.Equal("slow", read.Fitables[1].Id);
    }

    [Fact]
    public void Read_WithAnotherFileIdentifier_ThrowsBadRequest()
    {
        var body = FitEnvelope.WriteRequest(Request(FitValue.Null));
        body[4] = (byte)'X';

        var error = Assert.Throws<FitException>(() => FitEnvelope.ReadRequest(body));

        Assert.Equal(FitErrorCode.BadRequest, error.Code);
        Assert.Contains("identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OfTheWrongMessage_ThrowsBadRequest()
    {
        var body = FitEnvelope.WriteRequest(Request(FitValue.Null));

        var error = Assert.Throws<FitException>(() => FitEnvelope.ReadResponse(body));

        Assert.Equal(FitErrorCode.BadRequest, error.Code);
    }

    [Fact]
    public void Read_DamagedBodies_ThrowBadRequest()
    {
        var body = FitEnvelope.WriteRequest(Request(new FitValue(FitValueKind.Bytes, new byte[64]), FitValue.FromHandle(s_handle)));
        var random = new Random(1234);

        Assert.Equal(FitErrorCode.BadRequest, Assert.Throws<FitException>(() => FitEnvelope.ReadRequest(body.AsMemory(0, 5))).Code);
        for (var i = 0; i < 2000; i++)
        {
            var damaged = (byte[])body.Clone();
            var truncateTo = random.Next(8, damaged.Length + 1);
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(8, damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                FitEnvelope.ReadRequest(damaged.AsMemory(0, truncateTo));
            }
            catch (FitException exception)
            {
                Assert.Equal(FitErrorCode.BadRequest, exception.Code);
            }
        }
    }

    private static FitRequest Request(params FitValue[] arguments) => new()
    {
        RequestId = "r",
        GenericableId = "g",
        FitableId = "f",
        Arguments = arguments,
    };
}
