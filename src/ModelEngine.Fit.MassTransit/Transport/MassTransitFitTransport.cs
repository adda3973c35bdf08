using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Serialization;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Transport;

/// <summary>
/// Sends FIT calls to workers over the FIT bus as request/response (docs/fit-protocol.md, section Bus), and matches
/// responses to calls by <c>MT-RequestId</c>.
/// </summary>
/// <remarks>
/// Each call takes one of <see cref="FitBusOptions.MaxInFlightPerWorker"/> credits of its worker until it ends, so a
/// slow worker makes new calls wait instead of piling requests up in memory. A call ends in exactly one of four ways:
/// <list type="bullet">
/// <item>The response arrives.</item>
/// <item><see cref="FitErrorCode.TimedOut"/> at its deadline.</item>
/// <item>An <see cref="OperationCanceledException"/> when the caller cancels.</item>
/// <item><see cref="FitErrorCode.Unavailable"/> when the request cannot be sent, the worker leaves the registry, or the
/// response queue loses the broker, so that a dispatcher can fail over to another worker.</item>
/// </list>
/// </remarks>
public sealed class MassTransitFitTransport : IFitRemoteTransport, IDisposable
{
    private readonly IFitBus _bus;
    private readonly IFitRegistry _registry;
    private readonly IFitEnvelopeCodec _codec;
    private readonly FitBusConnectionMonitor _monitor;
    private readonly FitBusOptions _options;
    private readonly FitBusIdentity _identity;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MassTransitFitTransport> _logger;
    private readonly ConcurrentDictionary<Guid, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<string, WorkerLane> _lanes = new(StringComparer.Ordinal);
    private readonly ConnectHandle _responseHandle;

    /// <summary>The bus address as the <c>MT-ResponseAddress</c> header carries it, formatted once.</summary>
    private readonly string _responseAddress;

    /// <summary>The ids of the registry's workers at one registry version. See <see cref="IsLive"/>.</summary>
    private LiveWorkers? _live;

    internal MassTransitFitTransport(
        IFitBus bus,
        IFitRegistry registry,
        IFitEnvelopeCodec codec,
        FitBusConnectionMonitor monitor,
        IOptions<FitBusOptions> options,
        FitBusIdentity identity,
        TimeProvider timeProvider,
        ILogger<MassTransitFitTransport> logger)
    {
        _bus = bus;
        _registry = registry;
        _codec = codec;
        _monitor = monitor;
        _options = options.Value;
        _identity = identity;
        _timeProvider = timeProvider;
        _logger = logger;

        // Responses come to the bus's own temporary queue. Its address is MT-ResponseAddress.
        _responseHandle = bus.ConnectHandler<FitResponseMessage>(OnResponse);
        _responseAddress = bus.Address.ToString();
        _registry.Changed += OnRegistryChanged;
        _monitor.EndpointFaulted += OnEndpointFaulted;
    }

    /// <summary>Calls waiting for a response now, over all workers.</summary>
    public int PendingCount => _pending.Count;

    /// <inheritdoc />
    public async Task<FitResponse> InvokeAsync(FitWorkerInfo worker, FitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var timeout = request.Timeout ?? _options.RequestTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw TimedOut(worker, request, timeout);
        }

        using var activity = FitBusTelemetry.Source.StartActivity($"fit.remote {request.GenericableId}", ActivityKind.Client);
        activity?.SetTag("fit.genericable", request.GenericableId);
        activity?.SetTag("fit.fitable", request.FitableId);
        activity?.SetTag("fit.worker", worker.WorkerId);

        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var lane = GetLane(worker);
        var started = _timeProvider.GetTimestamp();
        var outcome = "ok";
        try
        {
            await lane.Credits.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            Record(started, outcome = cancellationToken.IsCancellationRequested ? "cancelled" : "timed_out", activity);
            throw cancellationToken.IsCancellationRequested
                ? new OperationCanceledException(cancellationToken)
                : TimedOut(worker, request, timeout, "it waited for a free slot of the worker's in-flight limit");
        }

        var call = new PendingCall(NewId.NextGuid(), worker.WorkerId);
        FitBusTelemetry.RemoteInFlight.Add(1);
        try
        {
            Register(lane, call);
            var response = await SendAndWaitAsync(lane, worker, request, call, timeout, linked.Token, cancellationToken, deadline.Token).ConfigureAwait(false);
            outcome = response.Status == FitResponseStatus.Ok ? "ok" : response.Status.ToString();
            return response;
        }
        catch (FitException exception)
        {
            outcome = exception.Code.ToString();
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            _pending.TryRemove(call.RequestId, out _);
            lane.Pending.TryRemove(call.RequestId, out _);
            lane.Credits.Release();
            FitBusTelemetry.RemoteInFlight.Add(-1);
            Record(started, outcome, activity);
        }
    }

    public void Dispose()
    {
        _registry.Changed -= OnRegistryChanged;
        _monitor.EndpointFaulted -= OnEndpointFaulted;
        _responseHandle.Disconnect();
        foreach (var call in _pending.Values)
        {
            call.Completion.TrySetException(new FitException(FitErrorCode.Unavailable, $"The FIT transport stopped before worker {call.WorkerId} responded.")
            {
                WorkerId = call.WorkerId,
            });
        }
    }

    private async Task<FitResponse> SendAndWaitAsync(
        WorkerLane lane,
        FitWorkerInfo worker,
        FitRequest request,
        PendingCall call,
        TimeSpan timeout,
        CancellationToken linked,
        CancellationToken cancellationToken,
        CancellationToken deadline)
    {
        var traceParent = request.TraceParent ?? Activity.Current?.Id;
        var requestId = call.RequestId.ToString("D");
        var body = _codec.WriteRequest(request with
        {
            RequestId = requestId,
            Timeout = timeout,
            TraceParent = traceParent,
            CallerNode = request.CallerNode ?? _identity.NodeId,
        });

        try
        {
            var endpoint = await GetEndpointAsync(lane, worker).ConfigureAwait(false);
            var pipe = new FitRequestPipe(call.RequestId, requestId, _bus.Address, _responseAddress, timeout, traceParent);
            await endpoint.Send(new FitRequestMessage(body), pipe, linked).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && _monitor.IsUp(FitBusConnectionMonitor.NameOf(_bus.Address)))
        {
            // The bus is connected, so the deadline was simply too short for the send.
            throw TimedOut(worker, request, timeout, "the deadline passed while the request was being sent");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new FitException(
                FitErrorCode.Unavailable,
                $"The request for {request.GenericableId}/{request.FitableId} could not be sent to FIT worker {worker.WorkerId} within {timeout}: {_monitor.DescribeState()}.")
            {
                GenericableId = request.GenericableId,
                FitableId = request.FitableId,
                WorkerId = worker.WorkerId,
            };
        }
        catch (Exception exception) when (exception is not FitException)
        {
            lane.Endpoint = null;
            throw new FitException(
                FitErrorCode.Unavailable,
                $"The request for {request.GenericableId}/{request.FitableId} could not be sent to FIT worker {worker.WorkerId}: {exception.Message}",
                exception)
            {
                GenericableId = request.GenericableId,
                FitableId = request.FitableId,
                WorkerId = worker.WorkerId,
            };
        }

        try
        {
            return await call.Completion.Task.WaitAsync(linked).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // When the caller's token and the deadline fire together, the caller's cancellation wins. Either way the call returns.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw TimedOut(worker, request, timeout, "no response arrived from the worker in time");
        }
        catch (FitException exception) when (exception.GenericableId is null)
        {
            throw new FitException(exception.Code, exception.Message, exception.InnerException)
            {
                GenericableId = request.GenericableId,
                FitableId = request.FitableId,
                WorkerId = worker.WorkerId,
            };
        }
    }

    private Task<ISendEndpoint> GetEndpointAsync(WorkerLane lane, FitWorkerInfo worker)
    {
        var endpoint = lane.Endpoint;
        if (endpoint is null || endpoint.IsFaulted || endpoint.IsCanceled)
        {
            var queue = string.IsNullOrEmpty(worker.Queue) ? FitBusNames.WorkerQueue(worker.WorkerId) : worker.Queue;

            // The worker's exchange goes with the worker, so the caller declares it the same way: not durable, auto-delete.
            lane.Endpoint = endpoint = _bus.GetSendEndpoint(new Uri($"exchange:{queue}?durable=false&autodelete=true"));
        }

        return endpoint;
    }

    private WorkerLane GetLane(FitWorkerInfo worker)
    {
        var lane = _lanes.GetOrAdd(worker.WorkerId, static (id, max) => new WorkerLane(id, max), Math.Max(1, _options.MaxInFlightPerWorker));
        if (IsLive(worker.WorkerId))
        {
            lock (lane.Gate)
            {
                lane.SeenInRegistry = true;
            }
        }

        return lane;
    }

    private void Register(WorkerLane lane, PendingCall call)
    {
        _pending[call.RequestId] = call;
        lock (lane.Gate)
        {
            lane.Pending[call.RequestId] = call;

            // The worker may have left between routing and now. In that case the call fails over at once.
            if (lane.SeenInRegistry && !IsLive(lane.WorkerId))
            {
                lane.SeenInRegistry = false;
                call.Completion.TrySetException(WorkerGone(lane.WorkerId));
            }
        }
    }

    private bool IsLive(string workerId)
    {
        // The registry's version changes whenever a worker comes or goes, so the set of live ids is built once per
        // version instead of copying the worker list twice on every call. The version is read before the list, so a
        // change in between leaves a set newer than its label, which the next call rebuilds.
        var version = _registry.Version;
        var live = Volatile.Read(ref _live);
        if (live is null || live.Version != version)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var worker in _registry.Workers)
            {
                ids.Add(worker.WorkerId);
            }

            live = new LiveWorkers(version, ids);
            Volatile.Write(ref _live, live);
        }

        return live.Ids.Contains(workerId);
    }

    private Task OnResponse(ConsumeContext<FitResponseMessage> context)
    {
        var received = FitContextHeaders.RequestId(context);
        if (received is not { } requestId || !_pending.TryGetValue(requestId, out var call))
        {
            FitBusLog.LateResponse(_logger, received);
            return Task.CompletedTask;
        }

        try
        {
            call.Completion.TrySetResult(_codec.ReadResponse(context.Message.Body));
        }
        catch (FitException exception)
        {
            call.Completion.TrySetException(exception);
        }

        return Task.CompletedTask;
    }

    private void OnRegistryChanged()
    {
        var live = new HashSet<string>(_registry.Workers.Select(w => w.WorkerId), StringComparer.Ordinal);
        foreach (var lane in _lanes.Values)
        {
            PendingCall[] failed;
            lock (lane.Gate)
            {
                if (live.Contains(lane.WorkerId))
                {
                    lane.SeenInRegistry = true;
                    continue;
                }

                if (!lane.SeenInRegistry)
                {
                    // A departed worker's lane goes once its calls have ended, so worker ids that come and go (pod
                    // names) do not pile up. A call that still has a reference to the old lane finishes on it.
                    if (lane.Pending.IsEmpty && lane.Credits.CurrentCount == Math.Max(1, _options.MaxInFlightPerWorker))
                    {
                        _lanes.TryRemove(new KeyValuePair<string, WorkerLane>(lane.WorkerId, lane));
                    }

                    continue;
                }

                lane.SeenInRegistry = false;
                failed = lane.Pending.Values.ToArray();
            }

            foreach (var call in failed)
            {
                call.Completion.TrySetException(WorkerGone(lane.WorkerId));
            }

            if (failed.Length > 0)
            {
                FitBusLog.PendingFailedOver(_logger, failed.Length, lane.WorkerId);
            }
        }
    }

    private void OnEndpointFaulted(string endpoint, Exception? cause)
    {
        // Only the bus's own queue carries responses. When it loses the broker, no pending response can arrive.
        if (endpoint != FitBusConnectionMonitor.NameOf(_bus.Address))
        {
            return;
        }

        var failed = 0;
        foreach (var call in _pending.Values)
        {
            var exception = new FitException(
                FitErrorCode.Unavailable,
                $"The call to FIT worker {call.WorkerId} lost its response: the caller's response queue lost RabbitMQ ({cause?.Message ?? "no cause given"}).",
                cause)
            {
                WorkerId = call.WorkerId,
            };
            if (call.Completion.TrySetException(exception))
            {
                failed++;
            }
        }

        if (failed > 0)
        {
            FitBusLog.PendingLostWithConnection(_logger, failed);
        }
    }

    private void Record(long started, string outcome, Activity? activity)
    {
        var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var tag = new KeyValuePair<string, object?>("fit.outcome", outcome);
        FitBusTelemetry.RemoteCalls.Add(1, tag);
        FitBusTelemetry.RemoteDuration.Record(elapsed, tag);
        activity?.SetTag("fit.outcome", outcome);
    }

    private static FitException WorkerGone(string workerId) =>
        new(FitErrorCode.Unavailable, $"FIT worker {workerId} left the registry (its heartbeats stopped or it sent its stopping heartbeat) before it responded.")
        {
            WorkerId = workerId,
        };

    private static FitException TimedOut(FitWorkerInfo worker, FitRequest request, TimeSpan timeout, string? reason = null) =>
        new(FitErrorCode.TimedOut, $"The call to {request.GenericableId}/{request.FitableId} on FIT worker {worker.WorkerId} timed out after {timeout}{(reason is null ? "" : ": " + reason)}.")
        {
            GenericableId = request.GenericableId,
            FitableId = request.FitableId,
            WorkerId = worker.WorkerId,
        };

    private sealed record LiveWorkers(long Version, HashSet<string> Ids);
}
