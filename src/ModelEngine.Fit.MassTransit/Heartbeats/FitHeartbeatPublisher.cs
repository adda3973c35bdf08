using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.MassTransit.Heartbeats;

/// <summary>
/// Announces this worker's local fitables on <c>fit.heartbeats</c> every <see cref="FitBusOptions.HeartbeatPeriod"/>,
/// once its queue is consuming, and sends a last heartbeat with <c>stopping = true</c> when the host stops.
/// </summary>
public sealed class FitHeartbeatPublisher : BackgroundService
{
    /// <summary>The maximum time for sending the stopping heartbeat when the host stops.</summary>
    private static readonly TimeSpan s_goodbyeTimeout = TimeSpan.FromSeconds(3);

    private readonly IFitBus _bus;
    private readonly IFitRegistry _registry;
    private readonly IFitEnvelopeCodec _codec;
    private readonly FitBusConnectionMonitor _monitor;
    private readonly FitBusIdentity _identity;
    private readonly FitBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FitHeartbeatPublisher> _logger;
    private readonly Func<string?> _transferEndpoint;
    private long _sequence;

    internal FitHeartbeatPublisher(
        IFitBus bus,
        IFitRegistry registry,
        IFitEnvelopeCodec codec,
        FitBusConnectionMonitor monitor,
        FitBusIdentity identity,
        IOptions<FitBusOptions> options,
        TimeProvider timeProvider,
        ILogger<FitHeartbeatPublisher> logger,
        Func<string?> transferEndpoint)
    {
        _bus = bus;
        _registry = registry;
        _codec = codec;
        _monitor = monitor;
        _identity = identity;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _transferEndpoint = transferEndpoint;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(s_goodbyeTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await SendAsync(stopping: true, linked.Token).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A heartbeat before the queue exists would send callers to an exchange with nothing behind it.
            await _monitor.WaitReadyAsync(_identity.Queue, stoppingToken).ConfigureAwait(false);
            FitBusLog.WorkerReady(_logger, _identity.WorkerId, _identity.NodeId, _identity.Queue);
            using var timer = new PeriodicTimer(_options.HeartbeatPeriod, _timeProvider);
            do
            {
                await SendAsync(stopping: false, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, and StopAsync sends the stopping heartbeat.
        }
    }

    /// <summary>Lists the fitables loaded in this process by code or by plugins, and leaves out remote ones.</summary>
    private FitableDescriptor[] LocalFitables()
    {
        var local = new List<FitableDescriptor>();
        foreach (var genericableId in _registry.GenericableIds)
        {
            foreach (var fitable in _registry.GetFitables(genericableId))
            {
                if (_registry.GetLocal(genericableId, fitable.Id) is { } loaded)
                {
                    local.Add(loaded.Descriptor);
                }
            }
        }

        return local.ToArray();
    }

    private async Task SendAsync(bool stopping, CancellationToken cancellationToken)
    {
        var heartbeat = new FitHeartbeat
        {
            WorkerId = _identity.WorkerId,
            NodeId = _identity.NodeId,
            Queue = _identity.Queue,
            TransferEndpoint = _transferEndpoint(),
            Fitables = LocalFitables(),
            AliveFor = _options.AliveTime,
            Sequence = (ulong)Interlocked.Increment(ref _sequence),
            Stopping = stopping,
        };

        try
        {
            var endpoint = await _bus.GetSendEndpoint(new Uri($"exchange:{FitBusNames.HeartbeatExchange}")).ConfigureAwait(false);
            await endpoint.Send(new FitHeartbeatMessage(_codec.WriteHeartbeat(heartbeat)), context =>
            {
                context.Durable = false;
                context.TimeToLive = _options.AliveTime;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !stopping)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The broker may be restarting. The next period tries again, and callers keep the worker until AliveTime.
            FitBusLog.HeartbeatFailed(_logger, _identity.WorkerId, exception);
        }
    }
}
