using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Invocation;

/// <summary>
/// The worker side of a remote call: finds the fitable loaded here, decodes the arguments into its parameter types,
/// calls it within the request's timeout, and encodes the result or the error as a response.
/// </summary>
public sealed class FitRequestExecutor : IFitRequestExecutor
{
    private readonly IFitRegistry _registry;
    private readonly IFitValueCodec _codec;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _workerId;

    /// <param name="registry">Where the fitables loaded here are found.</param>
    /// <param name="codec">Decodes arguments and encodes results.</param>
    /// <param name="logger">Receives a warning for each failed request.</param>
    /// <param name="timeProvider">Runs the request timeouts, or the system clock when <see langword="null"/>.</param>
    /// <param name="workerId">The id responses carry, or <see langword="null"/>.</param>
    public FitRequestExecutor(
        IFitRegistry registry, IFitValueCodec codec, ILogger<FitRequestExecutor>? logger = null, TimeProvider? timeProvider = null, string? workerId = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(codec);
        _registry = registry;
        _codec = codec;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _workerId = workerId;
    }

    /// <inheritdoc />
    public async Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var local = _registry.GetLocal(request.GenericableId, request.FitableId);
        if (local is null || local.Descriptor.GenericableVersion != request.GenericableVersion)
        {
            var have = local is null ? "is not loaded here" : $"is loaded here for version {local.Descriptor.GenericableVersion}";
            return Error(request, FitResponseStatus.FitableNotFound, null,
                $"Fitable '{request.FitableId}' of genericable '{request.GenericableId}' version {request.GenericableVersion} {have}.");
        }

        var parameters = local.Genericable.Parameters;
        if (request.Arguments.Count != parameters.Count)
        {
            return Error(request, FitResponseStatus.BadRequest, null,
                $"Genericable '{request.GenericableId}' takes {parameters.Count} arguments but the request carries {request.Arguments.Count}.");
        }

        CancellationTokenSource? timeoutSource = null;
        if (request.Timeout is { } limit)
        {
            timeoutSource = new CancellationTokenSource(limit < TimeSpan.Zero ? TimeSpan.Zero : limit, _time);
        }

        using var timeout = timeoutSource;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked?.Token ?? cancellationToken;
        var scope = new List<IDisposable>();
        Task<object?>? abandoned = null;
        try
        {
            var arguments = new object?[parameters.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                try
                {
                    arguments[i] = await _codec.DecodeAsync(request.Arguments[i], parameters[i].ClrType ?? typeof(object), scope, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not FitException && e is not OperationCanceledException)
                {
                    return Error(request, FitResponseStatus.BadRequest, e.GetType().FullName,
                        $"Argument '{parameters[i].Name}' could not be decoded: {e.Message}");
                }
            }

            var pending = local.Invoke(arguments, token);
            object? result;
            if (pending.IsCompleted || !token.CanBeCanceled)
            {
                result = await pending.ConfigureAwait(false);
            }
            else
            {
                var running = pending.AsTask();
                try
                {
                    result = await running.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!running.IsCompleted)
                {
                    // The fitable may still read its arguments in place, so their mappings stay until it ends.
                    abandoned = running;
                    throw;
                }
            }

            var resultScope = new List<IDisposable>();
            try
            {
                var encoded = local.Genericable.ResultType == Contracts.FitValueType.Void && local.Genericable.ResultClrType is null
                    ? FitValue.Null
                    : _codec.Encode(result, local.Genericable.ResultClrType ?? result?.GetType() ?? typeof(object), resultScope);
                return new FitResponse { RequestId = request.RequestId, Status = FitResponseStatus.Ok, Result = encoded, WorkerId = _workerId };
            }
            finally
            {
                for (var i = resultScope.Count - 1; i >= 0; i--)
                {
                    resultScope[i].Dispose();
                }
            }
        }
        catch (OperationCanceledException e) when (token.IsCancellationRequested)
        {
            return cancellationToken.IsCancellationRequested
                ? Error(request, FitResponseStatus.Cancelled, e.GetType().FullName, "The caller or the worker cancelled the request.")
                : Error(request, FitResponseStatus.TimedOut, e.GetType().FullName, $"The request timed out: it did not finish within its timeout of {request.Timeout}.");
        }
        catch (FitException e)
        {
            return Error(request, FitStatusMapper.ToStatus(e.Code), e.RemoteErrorType ?? e.GetType().FullName, e.Message);
        }
        catch (Exception e)
        {
            FitLog.ExecutorFailed(_logger, e, request.RequestId, request.GenericableId, request.FitableId);
            return Error(request, FitResponseStatus.Faulted, e.GetType().FullName, e.Message);
        }
        finally
        {
            if (abandoned is null)
            {
                DisposeAll(scope);
            }
            else
            {
                _ = abandoned.ContinueWith(
                    static (ended, state) =>
                    {
                        // No caller receives the result of an abandoned call, so a disposable result, such as a payload, is disposed here.
                        if (ended.IsCompletedSuccessfully && ended.Result is IDisposable result)
                        {
                            result.Dispose();
                        }

                        DisposeAll((List<IDisposable>)state!);
                    },
                    scope,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    private static void DisposeAll(List<IDisposable> scope)
    {
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            scope[i].Dispose();
        }
    }

    private FitResponse Error(FitRequest request, FitResponseStatus status, string? type, string message) => new()
    {
        RequestId = request.RequestId,
        Status = status,
        ErrorType = type,
        ErrorMessage = message,
        WorkerId = _workerId,
    };
}
