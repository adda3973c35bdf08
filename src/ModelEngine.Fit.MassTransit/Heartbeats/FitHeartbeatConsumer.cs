using MassTransit;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.MassTransit.Heartbeats;

/// <summary>
/// Keeps the registry's workers from their heartbeats: adds or refreshes a worker until now plus its alive time, and
/// removes it on its stopping heartbeat. This process's own heartbeats are skipped, because its fitables are local here.
/// </summary>
internal sealed class FitHeartbeatConsumer(
    IFitRegistry registry,
    IFitEnvelopeCodec codec,
    FitBusIdentity identity,
    TimeProvider timeProvider,
    ILogger<FitHeartbeatConsumer> logger) : IConsumer<FitHeartbeatMessage>
{
    public Task Consume(ConsumeContext<FitHeartbeatMessage> context)
    {
        FitHeartbeat heartbeat;
        try
        {
            heartbeat = codec.ReadHeartbeat(context.Message.Body);
        }
        catch (FitException exception)
        {
            FitBusLog.HeartbeatUnreadable(logger, exception);
            return Task.CompletedTask;
        }

        if (heartbeat.WorkerId == identity.WorkerId)
        {
            return Task.CompletedTask;
        }

        if (heartbeat.Stopping)
        {
            if (registry.RemoveWorker(heartbeat.WorkerId))
            {
                FitBusLog.WorkerLeft(logger, heartbeat.WorkerId, heartbeat.NodeId);
            }

            return Task.CompletedTask;
        }

        var known = registry.Workers.Any(w => w.WorkerId == heartbeat.WorkerId);
        registry.UpsertWorker(heartbeat.ToWorkerInfo(timeProvider.GetUtcNow()));
        if (!known)
        {
            FitBusLog.WorkerArrived(logger, heartbeat.WorkerId, heartbeat.NodeId, heartbeat.Fitables.Count);
        }

        return Task.CompletedTask;
    }
}
