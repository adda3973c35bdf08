using System.Text.Json;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Remote;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class RequestExecutorTests
{
    private static readonly Contracts.GenericableDescriptor Repeat = Contract("repeat", "text", "times");

    private static FitValue Json<T>(T value) => new(FitValueKind.Json, JsonSerializer.SerializeToUtf8Bytes(value));

    private static FitRequest Request(string fitableId, params FitValue[] arguments) => new()
    {
        RequestId = "r1",
        GenericableId = "repeat",
        FitableId = fitableId,
        Arguments = arguments,
    };

    private static FitRequestExecutor Executor(Func<object?[], CancellationToken, ValueTask<object?>> body) =>
        new(NewRegistry(Local(Repeat, "repeat-1", body)), new FakeCodec(), workerId: "w9");

    [Fact]
    public async Task Execute_DecodesArgumentsCallsAndEncodesTheResult()
    {
        var executor = Executor((args, _) => ValueTask.FromResult<object?>(string.Concat(Enumerable.Repeat((string)args[0]!, int.Parse((string)args[1]!)))));

        var response = await executor.ExecuteAsync(Request("repeat-1", Json("ab"), Json("3")), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.Ok, response.Status);
        Assert.Equal("ababab", JsonSerializer.Deserialize<string>(response.Result.Data.Span));
        Assert.Equal("w9", response.WorkerId);
        Assert.Equal("r1", response.RequestId);
    }

    [Fact]
    public async Task Execute_UnknownFitable_AnswersFitableNotFound()
    {
        var executor = Executor((_, _) => ValueTask.FromResult<object?>(null));

        var response = await executor.ExecuteAsync(Request("other", Json("a"), Json("1")), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.FitableNotFound, response.Status);
        Assert.Contains("'other'", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_WrongArgumentCount_AnswersBadRequest()
    {
        var executor = Executor((_, _) => ValueTask.FromResult<object?>(null));

        var response = await executor.ExecuteAsync(Request("repeat-1", Json("a")), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.BadRequest, response.Status);
    }

    [Fact]
    public async Task Execute_FitableThrows_ReturnsFaulted()
    {
        var executor = Executor((_, _) => throw new ArgumentOutOfRangeException("times", "too many"));

        var response = await executor.ExecuteAsync(Request("repeat-1", Json("a"), Json("1")), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.Faulted, response.Status);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, response.ErrorType);
        Assert.Contains("too many", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_RequestTimeoutPasses_AnswersTimedOut()
    {
        var executor = Executor(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return null;
        });

        var response = await executor.ExecuteAsync(Request("repeat-1", Json("a"), Json("1")) with { Timeout = TimeSpan.FromMilliseconds(20) }, CancellationToken.None)
            .WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.TimedOut, response.Status);
    }

    [Fact]
    public async Task Execute_CallerCancels_AnswersCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var executor = Executor(async (_, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return null;
        });

        var response = await executor.ExecuteAsync(Request("repeat-1", Json("a"), Json("1")), cancel.Token).WaitAsync(Patience);

        Assert.Equal(FitResponseStatus.Cancelled, response.Status);
    }
}
