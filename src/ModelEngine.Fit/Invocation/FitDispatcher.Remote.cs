using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Routing;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Invocation;

/// <summary>Remote attempts, worker failover and multicast.</summary>
internal sealed partial class FitDispatcher
{
    /// <summary>
    /// Sends the call to a worker that hosts the fitable. A worker that is unavailable, or no longer hosts the fitable,
    /// is left and the next live worker tried, each worker once, before the attempt counts as failed.
    /// </summary>
    private async Task<object?> RemoteAsync(FitCall call, FitTarget target, RouteDecision decision, string? preferredNode, Activity? activity)
    {
        if (_transport is null || _codec is null)
        {
            throw new FitException(FitErrorCode.Unavailable,
                $"Genericable '{call.GenericableId}' fitable '{target.Id}' is not loaded here and no remote transport and value codec are registered.")
            { GenericableId = call.GenericableId, FitableId = target.Id };
        }

        HashSet<string>? tried = null;
        FitException? last = null;
        while (true)
        {
            var worker = PickWorker(target.Workers, tried, preferredNode);
            if (worker is null)
            {
                throw last ?? new FitException(FitErrorCode.Unavailable,
                    $"Genericable '{call.GenericableId}' fitable '{target.Id}' is not loaded here and no live worker hosts it.")
                { GenericableId = call.GenericableId, FitableId = target.Id };
            }

            activity?.SetTag(FitDiagnosticNames.WorkerTag, worker.WorkerId);
            call.WorkerId = worker.WorkerId;
            LogRouted(call, target, decision, worker.WorkerId);
            try
            {
                return await SendAsync(call, target, worker, _transport, _codec).ConfigureAwait(false);
            }
            catch (FitException e) when (!call.Token.IsCancellationRequested
                && (e.Code == FitErrorCode.Unavailable || (e.Code == FitErrorCode.FitableNotFound && e.WorkerId is not null)))
            {
                (tried ??= new HashSet<string>(StringComparer.Ordinal)).Add(worker.WorkerId);
                last = e;
                activity?.AddEvent(new ActivityEvent("fit.failover", tags: new ActivityTagsCollection
                {
                    [FitDiagnosticNames.WorkerTag] = worker.WorkerId,
                    ["fit.reason"] = e.Message,
                }));
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    FitLog.FailingOver(_logger, call.GenericableId, target.Id, worker.WorkerId, e.Message);
                }
            }
        }
    }

    private FitWorkerInfo? PickWorker(IReadOnlyList<FitWorkerInfo> workers, HashSet<string>? tried, string? preferredNode)
    {
        IReadOnlyList<FitWorkerInfo> live = workers;
        if (tried is not null)
        {
            live = workers.Where(w => !tried.Contains(w.WorkerId)).ToArray();
        }

        if (live.Count == 0)
        {
            return null;
        }

        if (preferredNode is not null && OnNode(live, preferredNode))
        {
            live = live.Where(w => w.NodeId == preferredNode).ToArray();
        }

        return _balancer.Pick(live);
    }

    private async Task<object?> SendAsync(FitCall call, FitTarget target, FitWorkerInfo worker, IFitRemoteTransport transport, IFitValueCodec codec)
    {
        var scope = new List<IDisposable>();
        var entered = false;
        try
        {
            var request = Encode(call, target, codec, scope);
            _load.Enter(worker.WorkerId);
            entered = true;
            FitResponse response;
            try
            {
                var sending = transport.InvokeAsync(worker, request, call.Token);
                response = call.Token.CanBeCanceled
                    ? await sending.WaitAsync(call.Token).ConfigureAwait(false)
                    : await sending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not FitException && !(e is OperationCanceledException && call.Token.IsCancellationRequested))
            {
                throw new FitException(FitErrorCode.Unavailable,
                    $"Genericable '{call.GenericableId}' fitable '{target.Id}' could not reach worker '{worker.WorkerId}': {e.Message}", e)
                { GenericableId = call.GenericableId, FitableId = target.Id, WorkerId = worker.WorkerId };
            }

            if (response.Status != FitResponseStatus.Ok)
            {
                throw FitStatusMapper.ToException(response, call.GenericableId, target.Id, worker.WorkerId);
            }

            var resultType = ResultTypeOf(call);
            return resultType is null ? null : await DecodeResultAsync(call, target, worker, codec, response.Result, resultType).ConfigureAwait(false);
        }
        finally
        {
            if (entered)
            {
                _load.Exit(worker.WorkerId);
            }

            Dispose(scope);
        }
    }

    private FitRequest Encode(FitCall call, FitTarget target, IFitValueCodec codec, List<IDisposable> scope)
    {
        var parameters = call.Plan.Genericable?.Parameters;
        var values = new FitValue[call.Arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var argument = call.Arguments[i];
            var declared = (parameters is not null && i < parameters.Count ? parameters[i].ClrType : null) ?? argument?.GetType() ?? typeof(object);
            try
            {
                values[i] = codec.Encode(argument, declared, scope);
            }
            catch (Exception e) when (e is not FitException)
            {
                var name = parameters is not null && i < parameters.Count ? parameters[i].Name : $"#{i}";
                throw new FitException(FitErrorCode.BadRequest,
                    $"Genericable '{call.GenericableId}' fitable '{target.Id}': argument '{name}' of type {declared.Name} could not be encoded: {e.Message}", e)
                { GenericableId = call.GenericableId, FitableId = target.Id };
            }
        }

        TimeSpan? remaining = call.Timeout == Timeout.InfiniteTimeSpan ? null : call.Timeout - _time.GetElapsedTime(call.StartedAt);
        return new FitRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            GenericableId = call.GenericableId,
            GenericableVersion = target.Descriptor.GenericableVersion,
            FitableId = target.Id,
            Arguments = values,
            Timeout = remaining is { } left && left < TimeSpan.Zero ? TimeSpan.Zero : remaining,
            TraceParent = Activity.Current?.Id,
            CallerNode = _options.NodeId,
        };
    }

    /// <summary>Returns the type to decode a remote result into, or <see langword="null"/> when the call returns nothing.</summary>
    private static Type? ResultTypeOf(FitCall call)
    {
        if (call.ResultType is { } declared)
        {
            return declared == typeof(void) ? null : declared;
        }

        return call.Plan.Genericable switch
        {
            null => typeof(object),
            { ResultClrType: { } clr } => clr,
            { ResultType: FitValueType.Void } => null,
            { ResultType: FitValueType.String } => typeof(string),
            { ResultType: FitValueType.Bytes } => typeof(byte[]),
            _ => typeof(object),
        };
    }

    private static async Task<object?> DecodeResultAsync(
        FitCall call, FitTarget target, FitWorkerInfo worker, IFitValueCodec codec, FitValue result, Type resultType)
    {
        var scope = new List<IDisposable>();
        try
        {
            var value = await codec.DecodeAsync(result, resultType, scope, call.Token).ConfigureAwait(false);

            // A payload result belongs to the caller from here on. Memory over a mapping would outlive the scope that
            // keeps the mapping open, so it is copied. Callers declare FitPayload as the result type to read in place.
            if (value is FitPayload payload && scope.Remove(payload))
            {
                return payload;
            }

            if (scope.Count > 0)
            {
                value = value switch
                {
                    ReadOnlyMemory<byte> memory => (ReadOnlyMemory<byte>)memory.ToArray(),
                    Memory<byte> memory => (Memory<byte>)memory.ToArray(),
                    _ => value,
                };
            }

            return value;
        }
        catch (Exception e) when (e is not FitException && e is not OperationCanceledException)
        {
            throw new FitException(FitErrorCode.BadRequest,
                $"Genericable '{call.GenericableId}' fitable '{target.Id}': the result from worker '{worker.WorkerId}' could not be decoded as {resultType.Name}: {e.Message}", e)
            { GenericableId = call.GenericableId, FitableId = target.Id, WorkerId = worker.WorkerId };
        }
        finally
        {
            Dispose(scope);
        }
    }

    /// <summary>Calls every routed fitable at once and returns the results of those that succeeded, in route order.</summary>
    private async Task<IReadOnlyList<object?>> MulticastAsync(FitCall call)
    {
        var targets = call.Decision.Targets;
        var running = new Task<object?>[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            running[i] = UnicastAsync(call, targets[i]);
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each task is inspected below. A failed fitable is left out of the result.
        }

        call.Token.ThrowIfCancellationRequested();
        var results = new List<object?>(targets.Length);
        List<string>? failures = null;
        List<Exception>? errors = null;
        for (var i = 0; i < running.Length; i++)
        {
            if (running[i].IsCompletedSuccessfully)
            {
                results.Add(running[i].Result);
                continue;
            }

            var error = running[i].Exception?.InnerException ?? new OperationCanceledException();
            (failures ??= []).Add($"'{targets[i].Id}': {error.Message}");
            (errors ??= []).Add(error);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                FitLog.MulticastFailure(_logger, call.GenericableId, targets[i].Id, error.Message);
            }
        }

        if (results.Count == 0)
        {
            var first = errors![0] as FitException;
            var code = first is not null && errors.All(e => e is FitException f && f.Code == first.Code) ? first.Code : FitErrorCode.Faulted;
            throw new FitException(code,
                $"All {targets.Length} fitables of genericable '{call.GenericableId}' failed in a multicast call: {string.Join("; ", failures!)}.",
                new AggregateException(errors!))
            { GenericableId = call.GenericableId };
        }

        return results;
    }

    private static void Dispose(List<IDisposable> scope)
    {
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            scope[i].Dispose();
        }
    }
}
