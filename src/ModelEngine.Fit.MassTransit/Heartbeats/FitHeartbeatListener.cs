using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.MassTransit.Heartbeats;

/// <summary>
/// The caller side of heartbeats. Its temporary queue, bound to <c>fit.heartbeats</c>, feeds the registry (see
/// <see cref="FitMassTransitServiceCollectionExtensions"/>). This service removes workers whose heartbeats stopped, every
/// <see cref="FitBusOptions.SweepInterval"/> of TimeProvider time.
/// </summary>
public sealed class FitHeartbeatListener(
    IFitRegistry registry,
    IOptions<FitBusOptions> options,
    TimeProvider timeProvider,
    ILogger<FitHeartbeatListener> logger) : BackgroundService, IReceiveEndpointObserver
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes once the heartbeat queue is bound and consuming. Heartbeats sent before then never reach this caller,
    /// so a caller that must see a worker's first heartbeat waits for it.
    /// </summary>
    public Task WaitListeningAsync(CancellationToken cancellationToken) => _listening.Task.WaitAsync(cancellationToken);

    /// <summary>Removes the workers expired by now, logs each, and returns how many were removed.</summary>
    public int Sweep()
    {
        var expired = registry.RemoveExpired(timeProvider.GetUtcNow());
        foreach (var worker in expired)
        {
            FitBusLog.WorkerExpired(logger, worker.WorkerId, worker.NodeId, worker.ExpiresAt);
        }

        return expired.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    Task IReceiveEndpointObserver.Ready(ReceiveEndpointReady ready)
    {
        _listening.TrySetResult();
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    Task IReceiveEndpointObserver.Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    Task IReceiveEndpointObserver.Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
