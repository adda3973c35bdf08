using ModelEngine.Fit.Client;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Registry;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class DegradationTests
{
    private static readonly Contracts.GenericableDescriptor Score = Contract("score", "claim");

    [Fact]
    public async Task Invoke_FailingFitable_DegradesToItsTarget()
    {
        var client = NewClient(NewRegistry(Failing(Score, "primary", degradesTo: "backup"), Named(Score, "backup")));

        Assert.Equal("backup", await Within(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "primary" })));
    }

    [Fact]
    public async Task Invoke_FailingChain_FollowsItToTheEnd()
    {
        var client = NewClient(NewRegistry(
            Failing(Score, "a", degradesTo: "b"), Failing(Score, "b", degradesTo: "c"), Named(Score, "c")));

        Assert.Equal("c", await Within(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "a" })));
    }

    [Fact]
    public async Task Invoke_ChainLoops_FailsWithCycle()
    {
        var client = NewClient(NewRegistry(
            Failing(Score, "a", degradesTo: "b"), Failing(Score, "b", degradesTo: "c"), Failing(Score, "c", degradesTo: "a")));

        var error = await FailsAsync(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "a" }));

        Assert.Equal(FitErrorCode.DegradationCycle, error.Code);
        Assert.EndsWith(": a -> b -> c -> a.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SelfDegradation_IsACycle()
    {
        var client = NewClient(NewRegistry(Failing(Score, "a", degradesTo: "a")));

        var error = await FailsAsync(client.InvokeAsync("score", ["c"]));

        Assert.Equal(FitErrorCode.DegradationCycle, error.Code);
        Assert.EndsWith(": a -> a.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_IgnoreDegradation_ReturnsTheFirstError()
    {
        var client = NewClient(NewRegistry(Failing(Score, "primary", degradesTo: "backup"), Named(Score, "backup")));

        var error = await FailsAsync(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "primary", IgnoreDegradation = true }));

        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.Equal("primary", error.FitableId);
        Assert.Contains("primary is broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_MissingDegradationTarget_FailsNamingIt()
    {
        var client = NewClient(NewRegistry(Failing(Score, "primary", degradesTo: "ghost")));

        var error = await FailsAsync(client.InvokeAsync("score", ["c"]));

        Assert.Equal(FitErrorCode.FitableNotFound, error.Code);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_CallerCancels_DoesNotDegrade()
    {
        var backupCalls = 0;
        using var cancel = new CancellationTokenSource();
        var client = NewClient(NewRegistry(
            Local(Score, "primary", async (_, token) =>
            {
                await cancel.CancelAsync();
                token.ThrowIfCancellationRequested();
                return "primary";
            }, degradesTo: "backup"),
            Local(Score, "backup", (_, _) =>
            {
                Interlocked.Increment(ref backupCalls);
                return ValueTask.FromResult<object?>("backup");
            })));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "primary" }, cancel.Token).AsTask().WaitAsync(Patience));
        Assert.Equal(0, backupCalls);
    }

    [Fact]
    public async Task Invoke_Retry_TriesTheSameFitableBeforeDegrading()
    {
        var attempts = 0;
        var client = NewClient(NewRegistry(
            Local(Score, "flaky", (_, _) => Interlocked.Increment(ref attempts) < 3
                ? throw new InvalidOperationException("not yet")
                : ValueTask.FromResult<object?>("flaky"), degradesTo: "backup"),
            Named(Score, "backup")));

        Assert.Equal("flaky", await Within(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "flaky", Retry = 2 })));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Invoke_WorkerRejectsArgumentCount_DoesNotDegrade()
    {
        var worker = new ModelEngine.Fit.Invocation.FitRequestExecutor(NewRegistry(Named(Score, "primary", degradesTo: "backup"), Named(Score, "backup")), new FakeCodec(), workerId: "w1");
        var transport = FakeTransport.To(_ => worker);
        var caller = new FitRegistry();
        caller.UpsertWorker(Worker("w1", "node-b", Descriptor("score", "primary", degradesTo: "backup"), Descriptor("score", "backup")));
        var client = NewClient(caller, transport: transport);

        var error = await FailsAsync(client.InvokeAsync("score", ["c", "extra"], new FitCallOptions { FitableId = "primary" }));

        Assert.Equal(FitErrorCode.BadRequest, error.Code);
        Assert.Equal("primary", error.FitableId);
        Assert.Equal(["primary"], transport.Calls.Select(c => c.Request.FitableId));
    }

    [Fact]
    public async Task Invoke_WrongArgumentType_DoesNotDegrade()
    {
        var count = new Contracts.GenericableDescriptor
        {
            Id = "count",
            Parameters = [new Contracts.FitParameter("limit", Contracts.FitValueType.Json, typeof(int))],
            ResultType = Contracts.FitValueType.String,
            ResultClrType = typeof(string),
        };
        var backupCalls = 0;
        var client = NewClient(NewRegistry(
            Local(count, "primary", (args, _) => ValueTask.FromResult<object?>(((int)args[0]!).ToString(System.Globalization.CultureInfo.InvariantCulture)), degradesTo: "backup"),
            Local(count, "backup", (_, _) =>
            {
                Interlocked.Increment(ref backupCalls);
                return ValueTask.FromResult<object?>("backup");
            })));

        var error = await FailsAsync(client.InvokeAsync("count", ["ten"], new FitCallOptions { FitableId = "primary" }));

        Assert.Equal(FitErrorCode.BadRequest, error.Code);
        Assert.Contains("argument 'limit' is a String", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, backupCalls);
    }

    [Fact]
    public async Task Invoke_FallbackFails_NamesBothFailures()
    {
        var client = NewClient(NewRegistry(
            Local(Score, "summarize-en", (_, _) => throw new ArgumentException("no English model"), degradesTo: "summarize-truncate"),
            Local(Score, "summarize-truncate", (_, _) => throw new InvalidOperationException("text too short"))));

        var error = await FailsAsync(client.InvokeAsync("score", ["c"], new FitCallOptions { FitableId = "summarize-en" }));

        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.Equal("summarize-truncate", error.FitableId);
        Assert.Contains(
            "fitable 'summarize-en' failed (Faulted, System.ArgumentException: no English model); " +
            "degraded to 'summarize-truncate', which failed (Faulted, System.InvalidOperationException: text too short).",
            error.Message, StringComparison.Ordinal);
        var first = Assert.IsType<FitException>(error.InnerException);
        Assert.Equal("summarize-en", first.FitableId);
    }
}
