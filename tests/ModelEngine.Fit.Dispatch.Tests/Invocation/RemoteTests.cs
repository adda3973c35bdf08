using System.Text.Json;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class RemoteTests
{
    private static readonly Contracts.GenericableDescriptor Upper = Contract("upper", "text");

    /// <summary>A worker process in miniature: its own registry with the fitable loaded, and an executor over it.</summary>
    private static FitRequestExecutor WorkerSide(string workerId, Func<string, string> body) =>
        new(NewRegistry(Local(Upper, "upper-1", (args, _) => ValueTask.FromResult<object?>(body((string)args[0]!)))), new FakeCodec(), workerId: workerId);

    private static FitRegistry CallerWith(params FitWorkerInfo[] workers)
    {
        var registry = new FitRegistry();
        registry.AddGenericable(Upper);
        foreach (var worker in workers)
        {
            registry.UpsertWorker(worker);
        }

        return registry;
    }

    private static FitWorkerInfo UpperWorker(string id, string node = "node-b") => Worker(id, node, Descriptor("upper", "upper-1"));

    [Fact]
    public async Task Invoke_RemoteFitable_UsesCodecAndTransport()
    {
        var executor = WorkerSide("w1", s => s.ToUpperInvariant());
        var transport = FakeTransport.To(_ => executor);
        var codec = new FakeCodec();
        var client = NewClient(CallerWith(UpperWorker("w1")), transport: transport, codec: codec);

        Assert.Equal("HELLO", await Within(client.InvokeAsync("upper", ["hello"])));
        var (workerId, request) = Assert.Single(transport.Calls);
        Assert.Equal("w1", workerId);
        Assert.Equal("upper-1", request.FitableId);
        Assert.Equal("node-a", request.CallerNode);
        Assert.NotNull(request.Timeout);
        Assert.Equal(1, codec.Encoded);
    }

    [Fact]
    public async Task Invoke_FitableLoadedHere_NeverEncodes()
    {
        var codec = new FakeCodec();
        var transport = new FakeTransport((_, _, _) => throw new InvalidOperationException("must not be called"));
        var argument = new object();
        object? seen = null;
        var registry = NewRegistry(Local(Contract("same", "value"), "local", (args, _) =>
        {
            seen = args[0];
            return ValueTask.FromResult<object?>("local");
        }));
        registry.UpsertWorker(Worker("w1", "node-b", Descriptor("same", "local")));
        var client = NewClient(registry, transport: transport, codec: codec);

        Assert.Equal("local", await Within(client.InvokeAsync("same", [argument])));
        Assert.Same(argument, seen);
        Assert.Equal(0, codec.Encoded);
        Assert.Empty(transport.Calls);
    }

    [Fact]
    public async Task Invoke_DescriptorOnly_InfersArgumentTypes()
    {
        var transport = new FakeTransport((_, request, _) =>
        {
            var sum = request.Arguments.Sum(a => JsonSerializer.Deserialize<int>(a.Data.Span));
            return Task.FromResult(FakeTransport.Ok(request, new FitValue(FitValueKind.Json, JsonSerializer.SerializeToUtf8Bytes(sum))));
        });
        var registry = new FitRegistry();
        registry.UpsertWorker(Worker("w1", "node-b", Descriptor("add", "py-add")));
        var client = NewClient(registry, transport: transport);

        var result = await Within(client.InvokeAsync("add", [2, 3]));

        Assert.Equal(5, ((JsonElement)result!).GetInt32());
    }

    [Fact]
    public async Task Invoke_WorkerUnavailable_FailsOverToAnotherWorker()
    {
        var executor = WorkerSide("w2", s => s + "!");
        var transport = new FakeTransport((worker, request, token) => worker.WorkerId == "w1"
            ? throw new FitException(FitErrorCode.Unavailable, "queue gone")
            : executor.ExecuteAsync(request, token));
        var client = NewClient(CallerWith(UpperWorker("w1"), UpperWorker("w2")), transport: transport);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("hi!", await Within(client.InvokeAsync("upper", ["hi"])));
        }

        Assert.Contains("w1", transport.Workers);
        Assert.Equal(4, transport.Workers.Count(w => w == "w2"));
    }

    [Fact]
    public async Task Invoke_AllWorkersDown_TriesEachOnce()
    {
        var transport = new FakeTransport((worker, _, _) => Task.FromException<FitResponse>(
            new IOException($"connection to {worker.WorkerId} refused")));
        var client = NewClient(CallerWith(UpperWorker("w1"), UpperWorker("w2"), UpperWorker("w3")), transport: transport);

        var error = await FailsAsync(client.InvokeAsync("upper", ["hi"]));

        Assert.Equal(FitErrorCode.Unavailable, error.Code);
        Assert.Equal(["w1", "w2", "w3"], transport.Workers.Order(StringComparer.Ordinal));
        Assert.Contains("could not reach worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FailoverComesBeforeRetry()
    {
        var transport = new FakeTransport((_, _, _) => throw new FitException(FitErrorCode.Unavailable, "down"));
        var client = NewClient(CallerWith(UpperWorker("w1"), UpperWorker("w2")), transport: transport);

        await FailsAsync(client.InvokeAsync("upper", ["hi"], new FitCallOptions { Retry = 1 }));

        // Two attempts, each trying both workers once.
        Assert.Equal(4, transport.Calls.Count);
    }

    [Fact]
    public async Task Invoke_RemoteFault_NamesEverything()
    {
        var executor = WorkerSide("w1", _ => throw new FormatException("bad text"));
        var client = NewClient(CallerWith(UpperWorker("w1")), transport: FakeTransport.To(_ => executor));

        var error = await FailsAsync(client.InvokeAsync("upper", ["hi"]));

        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.Equal("w1", error.WorkerId);
        Assert.Equal(typeof(FormatException).FullName, error.RemoteErrorType);
        Assert.Contains("'upper'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'upper-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'w1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad text", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FitResponseStatus.TimedOut, FitErrorCode.TimedOut)]
    [InlineData(FitResponseStatus.BadRequest, FitErrorCode.BadRequest)]
    [InlineData(FitResponseStatus.PayloadUnavailable, FitErrorCode.PayloadUnavailable)]
    [InlineData(FitResponseStatus.Faulted, FitErrorCode.Faulted)]
    public async Task Invoke_ResponseStatus_MapsToErrorCode(FitResponseStatus status, FitErrorCode expected)
    {
        var transport = new FakeTransport((_, request, _) => Task.FromResult(new FitResponse
        {
            RequestId = request.RequestId,
            Status = status,
            ErrorType = "RemoteError",
            ErrorMessage = "remote said no",
        }));
        var client = NewClient(CallerWith(UpperWorker("w1")), transport: transport);

        var error = await FailsAsync(client.InvokeAsync("upper", ["hi"]));

        Assert.Equal(expected, error.Code);
        Assert.Contains("RemoteError: remote said no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_PayloadResult_BelongsToTheCaller()
    {
        var handle = new FakePayload("node-b").Handle;
        var transport = new FakeTransport((_, request, _) => Task.FromResult(FakeTransport.Ok(request, FitValue.FromHandle(handle))));
        var registry = new FitRegistry();
        registry.AddGenericable(Contract("render", "text") with { ResultClrType = typeof(SharedMemory.FitPayload) });
        registry.UpsertWorker(Worker("w1", "node-b", Descriptor("render", "render-1")));
        var client = NewClient(registry, transport: transport);

        var result = Assert.IsType<FakePayload>(await Within(client.InvokeAsync("render", ["x"])));

        Assert.False(result.IsDisposed);
        Assert.Equal(handle, result.Handle);
    }

    [Fact]
    public async Task Invoke_NoTransport_FailsWithUnavailable()
    {
        var client = NewClient(CallerWith(UpperWorker("w1")));

        var error = await FailsAsync(client.InvokeAsync("upper", ["hi"]));

        Assert.Equal(FitErrorCode.Unavailable, error.Code);
        Assert.Contains("no remote transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_TransportNeverAnswers_TimesOut()
    {
        var transport = new FakeTransport((_, _, _) => new TaskCompletionSource<FitResponse>().Task);
        var client = NewClient(CallerWith(UpperWorker("w1")), transport: transport);

        var error = await FailsAsync(client.InvokeAsync("upper", ["hi"], new FitCallOptions { Timeout = TimeSpan.FromMilliseconds(50) }));

        Assert.Equal(FitErrorCode.TimedOut, error.Code);
    }
}
