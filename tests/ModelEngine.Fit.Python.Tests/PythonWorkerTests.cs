using System.Text;
using ModelEngine.Fit.Python.Tests.Infrastructure;
using ModelEngine.Fit.Protocol;
using Xunit.Abstractions;

namespace ModelEngine.Fit.Python.Tests;

/// <summary>
/// The Python worker in samples/python-operator against a real broker, called the way the .NET bus transport calls a
/// worker: the request and response shapes of docs/fit-protocol.md, with raw RabbitMQ.Client on this side.
/// </summary>
public sealed class PythonWorkerTests
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_heartbeatTimeout = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper _output;

    public PythonWorkerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [PythonWorkerFact]
    public async Task Start_SendsPeriodicHeartbeats()
    {
        await using var session = await StartAsync();

        Assert.Contains($"worker={session.Worker.WorkerId}", session.ReadyLine);
        Assert.Contains($"queue=fit.worker.{session.Worker.WorkerId}", session.ReadyLine);
        var first = session.FirstHeartbeat;
        Assert.Equal("test-node", first.NodeId);
        Assert.Equal($"fit.worker.{session.Worker.WorkerId}", first.Queue);
        Assert.Equal("python", first.Language);
        Assert.Equal(6000, first.AliveMs);
        Assert.False(first.Stopping);
        Assert.Equal("application/vnd.modelengine.fit+flatbuffers", first.ContentType);
        Assert.Contains("samples.text.word-count/word-count-py", first.Fitables);
        Assert.Contains("samples.text.reverse/reverse-py", first.Fitables);
        Assert.Contains("samples.test.fail/fail-py", first.Fitables);

        // The period is 2 s, well inside alive_ms, so the next beat comes long before the wait ends.
        var next = await session.Caller.WaitForHeartbeatAsync(
            h => h.WorkerId == session.Worker.WorkerId && h.Sequence > first.Sequence, "after the first", s_heartbeatTimeout);
        Assert.False(next.Stopping);
    }

    [PythonWorkerFact]
    public async Task WordCount_ReturnsJsonNumber()
    {
        await using var session = await StartAsync();

        var response = await session.CallAsync(
            "samples.text.word-count", "word-count-py", WireValue.Bytes(Encoding.UTF8.GetBytes("the quick  brown\nfox")));

        Assert.Equal(Status.Ok, response.Status);
        Assert.Equal(ValueKind.Json, response.Result.Kind);
        Assert.Equal("4", response.Result.Text);
        Assert.Equal(response.HeaderRequestId, response.RequestId);
        Assert.Equal(session.Worker.WorkerId, response.WorkerId);
        Assert.Equal("application/vnd.modelengine.fit+flatbuffers", response.ContentType);
    }

    [PythonWorkerFact]
    public async Task Reverse_ReturnsUtf8String()
    {
        await using var session = await StartAsync();

        var response = await session.CallAsync("samples.text.reverse", "reverse-py", WireValue.Utf8("Grüße, FIT"));

        Assert.Equal(Status.Ok, response.Status);
        Assert.Equal(ValueKind.Utf8, response.Result.Kind);
        Assert.Equal("TIF ,eßürG", response.Result.Text);
    }

    [PythonWorkerFact]
    public async Task UnknownFitable_ReturnsFitableNotFound()
    {
        await using var session = await StartAsync();

        var response = await session.CallAsync("samples.text.reverse", "no-such-fitable", WireValue.Utf8("x"));

        Assert.Equal(Status.FitableNotFound, response.Status);
        Assert.Contains("'no-such-fitable'", response.ErrorMessage);
        Assert.Equal(ValueKind.Null, response.Result.Kind);
    }

    [PythonWorkerFact]
    public async Task FailingFitable_ReturnsFaulted()
    {
        await using var session = await StartAsync();

        var response = await session.CallAsync("samples.test.fail", "fail-py", WireValue.Utf8("as asked"));

        Assert.Equal(Status.Faulted, response.Status);
        Assert.Equal("tests.faulty_fitables.SampleFailure", response.ErrorType);
        Assert.Equal("failed on purpose: as asked", response.ErrorMessage);

        // The worker keeps serving after a fitable failed.
        var after = await session.CallAsync("samples.text.reverse", "reverse-py", WireValue.Utf8("ok"));
        Assert.Equal(Status.Ok, after.Status);
    }

    [PythonWorkerFact]
    public async Task HandleArgument_ReturnsBadRequest()
    {
        await using var session = await StartAsync();

        var response = await session.CallAsync("samples.text.word-count", "word-count-py", WireValue.Handle("segment-42"));

        Assert.Equal(Status.BadRequest, response.Status);
        Assert.Contains("inline values only", response.ErrorMessage);
        Assert.Contains("segment-42", response.ErrorMessage);
    }

    [PythonWorkerFact]
    public async Task GoneResponseExchange_KeepsWorkerServing()
    {
        await using var session = await StartAsync();

        // The broker closes the channel of a publish to a missing exchange. The very next reply must still arrive.
        await session.Caller.PublishRequestAsync(
            session.Worker.WorkerId,
            Guid.NewGuid().ToString(),
            $"rabbitmq://127.0.0.1/fit.test.gone.{Guid.NewGuid():N}?temporary=true",
            "samples.text.reverse",
            "reverse-py",
            [WireValue.Utf8("lost")],
            s_callTimeout);
        var response = await session.CallAsync("samples.text.reverse", "reverse-py", WireValue.Utf8("kept"));

        Assert.Equal(Status.Ok, response.Status);
        Assert.Equal("tpek", response.Result.Text);
        await session.Worker.WaitForOutputAsync("dropped the response", s_callTimeout);
    }

    [PythonWorkerFact]
    public async Task SigTerm_SendsStoppingHeartbeat()
    {
        await using var session = await StartAsync();

        session.Worker.Terminate();

        var stopping = await session.Caller.WaitForHeartbeatAsync(
            h => h.WorkerId == session.Worker.WorkerId && h.Stopping, "with stopping = true", s_heartbeatTimeout);
        Assert.True(stopping.Sequence > session.FirstHeartbeat.Sequence);
        Assert.Equal($"fit.worker.{session.Worker.WorkerId}", stopping.Queue);
        await session.Worker.WaitForExitAsync(s_heartbeatTimeout);
        Assert.Equal(0, session.Worker.ExitCode);
    }

    private async Task<WorkerSession> StartAsync()
    {
        TestEnvironment.RequirePython();
        var uri = TestEnvironment.RequireRabbitMqUri();

        // The heartbeat queue is bound before the worker starts, so its first beat is not missed.
        var caller = await FitBusCaller.CreateAsync(uri, s_startTimeout);
        var workerId = $"py-test-{Guid.NewGuid():N}"[..20];
        var worker = PythonWorkerProcess.Start(uri, workerId, "test-node");
        var session = new WorkerSession(caller, worker, _output);
        try
        {
            session.ReadyLine = await worker.WaitUntilReadyAsync(s_startTimeout);
            session.FirstHeartbeat = await caller.WaitForHeartbeatAsync(
                h => h.WorkerId == workerId, $"from worker '{workerId}'", s_heartbeatTimeout);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private sealed class WorkerSession(FitBusCaller caller, PythonWorkerProcess worker, ITestOutputHelper output) : IAsyncDisposable
    {
        public FitBusCaller Caller { get; } = caller;

        public PythonWorkerProcess Worker { get; } = worker;

        public string ReadyLine { get; set; } = string.Empty;

        public WireHeartbeat FirstHeartbeat { get; set; } = null!; // Set by StartAsync before the session is returned.

        public Task<WireResponse> CallAsync(string genericableId, string fitableId, params WireValue[] arguments) =>
            Caller.CallAsync(Worker.WorkerId, genericableId, fitableId, arguments, s_callTimeout);

        public async ValueTask DisposeAsync()
        {
            await Worker.DisposeAsync();
            output.WriteLine(Worker.Output);
            await Caller.DisposeAsync();
        }
    }
}
