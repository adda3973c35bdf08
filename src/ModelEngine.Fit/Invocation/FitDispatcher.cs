using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Routing;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Invocation;

/// <summary>
/// Runs a routed call in this process when the fitable is loaded here, otherwise on a worker. It applies the call's
/// timeout, retries and degradation chain, and for multicast the accumulator.
/// </summary>
internal sealed partial class FitDispatcher
{
    /// <summary>The maximum timeout a timer accepts. A longer one means no timeout.</summary>
    private static readonly TimeSpan s_longestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly FitOptions _options;
    private readonly IFitValueCodec? _codec;
    private readonly IFitRemoteTransport? _transport;
    private readonly IFitLoadBalancer _balancer;
    private readonly WorkerLoad _load;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public FitDispatcher(FitOptions options, IFitValueCodec? codec, IFitRemoteTransport? transport, ILogger logger, TimeProvider time)
    {
        _options = options;
        _codec = codec;
        _transport = transport;
        _logger = logger;
        _time = time;
        _load = new WorkerLoad();
        _balancer = options.Balancing == FitBalancing.LeastInFlight ? new LeastInFlightBalancer(_load) : new RoundRobinBalancer();
    }

    /// <summary>
    /// Dispatches a call. When no listener observes calls and the route is a fitable loaded here alone, the fitable
    /// runs straight away. A result that is ready then returns without any allocation by the dispatcher.
    /// </summary>
    public ValueTask<object?> DispatchAsync(RoutePlan plan, object?[] arguments, FitCallOptions options, Type? resultType, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<object?>(cancellationToken);
        }

        if (plan.ParameterCount >= 0 && arguments.Length != plan.ParameterCount)
        {
            return ValueTask.FromException<object?>(new FitException(FitErrorCode.BadRequest,
                $"Genericable '{plan.GenericableId}' takes {plan.ParameterCount} arguments but the call passed {arguments.Length}.")
            { GenericableId = plan.GenericableId });
        }

        if (plan.Fast is { } fast && !FitTelemetry.Observed && !_logger.IsEnabled(LogLevel.Debug))
        {
            var timeout = TimeoutOf(plan, options);

            // A fitable without a token parameter cannot observe a timeout, so it runs with the caller's token. The
            // slow path enforces the timeout on its task only when it does not finish at once.
            if (!fast.LocalTakesToken || timeout == Timeout.InfiniteTimeSpan)
            {
                var pending = InvokeLocal(fast, arguments, cancellationToken);
                return pending.IsCompletedSuccessfully
                    ? pending
                    : DispatchCoreAsync(plan, arguments, options, resultType, new Prepared(pending, null, default), cancellationToken);
            }

            // A fitable that takes a token gets one armed with the timeout, from a per-thread pool: the source goes
            // back when the call finished at once, and stays with the slow path otherwise.
            if (ReferenceEquals(_time, TimeProvider.System))
            {
                var source = TimeoutSourcePool.Rent(timeout);
                var link = cancellationToken.CanBeCanceled
                    ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
                    : default;
                var pending = InvokeLocal(fast, arguments, source.Token);
                if (pending.IsCompletedSuccessfully)
                {
                    link.Dispose();
                    TimeoutSourcePool.Return(source);
                    return pending;
                }

                return DispatchCoreAsync(plan, arguments, options, resultType, new Prepared(pending, source, link), cancellationToken);
            }
        }

        return DispatchCoreAsync(plan, arguments, options, resultType, default, cancellationToken);
    }

    private static ValueTask<object?> InvokeLocal(FitTarget target, object?[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            return target.Local!.Invoke(arguments, cancellationToken);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<object?>(e);
        }
    }

    /// <summary>Returns the call's timeout: the call's own, then the genericable's, then the default. Negative means zero.</summary>
    private TimeSpan TimeoutOf(RoutePlan plan, FitCallOptions options)
    {
        var timeout = options.Timeout ?? plan.Route?.Timeout ?? _options.DefaultTimeout;
        if (timeout == Timeout.InfiniteTimeSpan || timeout > s_longestTimeout)
        {
            return Timeout.InfiniteTimeSpan;
        }

        return timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
    }

    private async ValueTask<object?> DispatchCoreAsync(
        RoutePlan plan, object?[] arguments, FitCallOptions options, Type? resultType, Prepared prepared, CancellationToken cancellationToken)
    {
        var timeout = TimeoutOf(plan, options);
        var tags = new TagList { { FitDiagnosticNames.GenericableTag, plan.GenericableId } };
        var startedAt = _time.GetTimestamp();
        using var activity = FitTelemetry.Source.StartActivity(FitDiagnosticNames.CallActivity, ActivityKind.Internal);
        activity?.SetTag(FitDiagnosticNames.GenericableTag, plan.GenericableId);
        FitTelemetry.Calls.Add(1, tags);
        FitTelemetry.InFlight.Add(1, tags);

        // The timeout gets its own source, linked to the caller's token by a registration, so that the two can fire at
        // the same moment: whichever wins, the token attempts observe is cancelled once and every await below ends.
        var timeoutSource = prepared.TimeoutSource;
        var link = prepared.Link;
        if (timeoutSource is null && timeout != Timeout.InfiniteTimeSpan)
        {
            timeoutSource = new CancellationTokenSource(timeout, _time);
            link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeoutSource);
        }

        var call = new FitCall
        {
            Plan = plan,
            Arguments = arguments,
            Options = options,
            ResultType = resultType,
            CallerToken = cancellationToken,
            Token = timeoutSource?.Token ?? cancellationToken,
            Retry = options.Retry ?? plan.Route?.Retry ?? _options.DefaultRetry,
            Timeout = timeout,
            StartedAt = startedAt,
            Activity = activity,
            Started = prepared.Started,
        };
        try
        {
            call.Decision = FitRouter.Resolve(plan, arguments, options.FitableId, options.Alias);
            FitTelemetry.RecordRoute(activity, call.Decision);
            return plan.Multicast && options.Accumulator is { } accumulator
                ? accumulator(await MulticastAsync(call).ConfigureAwait(false))
                : await UnicastAsync(call, call.Decision.Targets[0]).ConfigureAwait(false);
        }
        catch (Exception e) when (call.Token.IsCancellationRequested && e is not FitException { Code: FitErrorCode.TimedOut })
        {
            Failed(activity, tags, cancellationToken.IsCancellationRequested ? "cancelled" : nameof(FitErrorCode.TimedOut));
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"The call of genericable '{plan.GenericableId}' was cancelled.", e, cancellationToken);
            }

            // A multicast call runs several fitables at once, so only a unicast call names the one that was running.
            var unicast = !(plan.Multicast && options.Accumulator is not null);
            var fitableId = unicast ? call.FitableId : null;
            var workerId = unicast ? call.WorkerId : null;
            var running = "";
            if (fitableId is not null)
            {
                running = workerId is null ? $" (fitable '{fitableId}' in this process)" : $" (fitable '{fitableId}' on worker '{workerId}')";
            }

            throw new FitException(FitErrorCode.TimedOut,
                $"The call of genericable '{plan.GenericableId}'{running} did not finish within its timeout of {timeout}.", e)
            { GenericableId = plan.GenericableId, FitableId = fitableId, WorkerId = workerId };
        }
        catch (Exception e)
        {
            // Exceptions from started attempts surface here as failures of the whole call.
            Failed(activity, tags, e is FitException fit ? fit.Code.ToString() : e.GetType().Name);
            if (e is FitException or OperationCanceledException)
            {
                throw;
            }

            throw Faulted(plan.GenericableId, call.Decision?.Targets[0].Id, e);
        }
        finally
        {
            link.Dispose();
            timeoutSource?.Dispose();
            FitTelemetry.InFlight.Add(-1, tags);
            if (FitTelemetry.Duration.Enabled)
            {
                FitTelemetry.Duration.Record(_time.GetElapsedTime(startedAt).TotalMilliseconds, tags);
            }
        }
    }

    /// <summary>What the fast path already did for a call it hands over: the started attempt and its timeout.</summary>
    private readonly record struct Prepared(ValueTask<object?>? Started, CancellationTokenSource? TimeoutSource, CancellationTokenRegistration Link);

    private static void Failed(Activity? activity, TagList tags, string code)
    {
        activity?.SetStatus(ActivityStatusCode.Error, code);
        activity?.SetTag(FitDiagnosticNames.ErrorCodeTag, code);
        if (FitTelemetry.Failures.Enabled)
        {
            tags.Add(FitDiagnosticNames.ErrorCodeTag, code);
            FitTelemetry.Failures.Add(1, tags);
        }
    }

    private async Task<object?> RetryAsync(FitCall call, FitTarget target, RouteDecision decision)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AttemptAsync(call, target, decision, attempt).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < call.Retry && !call.Token.IsCancellationRequested && e is not FitException { Code: FitErrorCode.BadRequest })
            {
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    FitLog.Retrying(_logger, call.GenericableId, target.Id, attempt + 1, e.Message);
                }
            }
        }
    }

    private async Task<object?> AttemptAsync(FitCall call, FitTarget target, RouteDecision decision, int attempt)
    {
        var started = call.Started;
        call.Started = null;
        call.FitableId = target.Id;
        call.WorkerId = null;
        var preferred = target.Workers.Count > 0 ? PreferredNode(call) : null;
        var local = target.Local is not null
            && (started is not null || preferred is null || preferred == _options.NodeId || !OnNode(target.Workers, preferred));
        using var activity = FitTelemetry.Source.StartActivity(FitDiagnosticNames.AttemptActivity, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(FitDiagnosticNames.GenericableTag, call.GenericableId);
            activity.SetTag(FitDiagnosticNames.FitableTag, target.Id);
            activity.SetTag(FitDiagnosticNames.LocationTag, local ? "local" : "remote");
            activity.SetTag(FitDiagnosticNames.AttemptTag, attempt);
            if (!ReferenceEquals(decision, call.Decision))
            {
                activity.SetTag(FitDiagnosticNames.RuleTag, decision.Rule);
            }
        }

        try
        {
            if (local)
            {
                LogRouted(call, target, decision, "local");
                return await LocalAsync(call, target, started).ConfigureAwait(false);
            }

            return await RemoteAsync(call, target, decision, preferred, activity).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    /// <summary>Logs where an attempt goes and the decision that chose its fitable: routing, or a degradation step.</summary>
    private void LogRouted(FitCall call, FitTarget target, RouteDecision decision, string workerId)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var rejected = decision.Rejections.Count == 0 ? "none"
                : string.Join("; ", decision.Rejections.Select(r => $"{r.FitableId} ({r.Filter}: {r.Reason})"));
            FitLog.Routed(_logger, call.GenericableId, target.Id, workerId, decision.Rule ?? "none", rejected);
        }
    }

    /// <summary>
    /// Retains the payload arguments of a call that returned before its fitable ended, until the fitable ends. The caller
    /// may dispose its payloads once the call returns, and the fitable may still read them in place.
    /// </summary>
    private static void KeepPayloadsUntilEnd(object?[] arguments, Task<object?> running)
    {
        List<FitPayload>? kept = null;
        foreach (var argument in arguments)
        {
            if (argument is FitPayload payload)
            {
                (kept ??= []).Add(payload.Retain());
            }
        }

        if (kept is not null)
        {
            _ = running.ContinueWith(
                static (_, state) => ((List<FitPayload>)state!).ForEach(payload => payload.Dispose()),
                kept,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private static async Task<object?> LocalAsync(FitCall call, FitTarget target, ValueTask<object?>? started)
    {
        var token = call.Token;
        try
        {
            var pending = started ?? target.Local!.Invoke(call.Arguments, token);
            if (pending.IsCompleted || !token.CanBeCanceled)
            {
                return await pending.ConfigureAwait(false);
            }

            // The fitable may ignore its token. Waiting on the token as well makes the call return all the same.
            var running = pending.AsTask();
            try
            {
                return await running.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!running.IsCompleted)
            {
                KeepPayloadsUntilEnd(call.Arguments, running);
                throw;
            }
        }
        catch (Exception e) when (e is not FitException && !(e is OperationCanceledException && token.IsCancellationRequested))
        {
            throw BindingError(call, target, e) ?? Faulted(call.GenericableId, target.Id, e);
        }
    }

    /// <summary>
    /// Returns a <see cref="FitErrorCode.BadRequest"/> error when a local fitable failed because an argument does not
    /// have its parameter's type, or <see langword="null"/> when the arguments fit and the fitable itself failed.
    /// </summary>
    private static FitException? BindingError(FitCall call, FitTarget target, Exception e)
    {
        if (e is not InvalidCastException || target.Local is not { } local)
        {
            return null;
        }

        var parameters = local.Genericable.Parameters;
        for (var i = 0; i < call.Arguments.Length && i < parameters.Count; i++)
        {
            if (call.Arguments[i] is { } argument && parameters[i].ClrType is { } type && !type.IsInstanceOfType(argument))
            {
                return new FitException(FitErrorCode.BadRequest,
                    $"Genericable '{call.GenericableId}' fitable '{target.Id}': argument '{parameters[i].Name}' is a {argument.GetType().Name}, but the parameter takes {type.Name}.", e)
                { GenericableId = call.GenericableId, FitableId = target.Id };
            }
        }

        return null;
    }

    private static FitException Faulted(string genericableId, string? fitableId, Exception e) =>
        new(FitErrorCode.Faulted, $"Genericable '{genericableId}' fitable '{fitableId}' failed: {e.GetType().Name}: {e.Message}", e)
        {
            GenericableId = genericableId,
            FitableId = fitableId,
            RemoteErrorType = e.GetType().FullName,
        };

    /// <summary>
    /// Returns the node whose workers a call prefers: the caller's choice, else the node that owns a payload argument,
    /// else this node when an argument is large enough to travel through this node's shared-memory store.
    /// </summary>
    private string? PreferredNode(FitCall call) =>
        call.Options.PreferredNodeId ?? PayloadNode(call.Arguments) ?? (HasSharedArgument(call.Arguments) ? _options.NodeId : null);

    /// <summary>Checks whether a remote call writes one of the arguments into this node's store, by the codec's threshold.</summary>
    private bool HasSharedArgument(object?[] arguments)
    {
        var threshold = _options.SharedMemoryThreshold;
        foreach (var argument in arguments)
        {
            var shared = argument switch
            {
                string text => (long)text.Length * 3 > threshold && System.Text.Encoding.UTF8.GetByteCount(text) > threshold,
                byte[] bytes => bytes.Length > threshold,
                ReadOnlyMemory<byte> memory => memory.Length > threshold,
                Memory<byte> memory => memory.Length > threshold,
                ArraySegment<byte> segment => segment.Count > threshold,
                _ => false,
            };
            if (shared)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the node that owns the first payload handle among the arguments, or <see langword="null"/>.</summary>
    private static string? PayloadNode(object?[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument is FitPayload payload)
            {
                return payload.Handle.NodeId;
            }
        }

        return null;
    }

    private static bool OnNode(IReadOnlyList<FitWorkerInfo> workers, string nodeId)
    {
        foreach (var worker in workers)
        {
            if (worker.NodeId == nodeId)
            {
                return true;
            }
        }

        return false;
    }
}
