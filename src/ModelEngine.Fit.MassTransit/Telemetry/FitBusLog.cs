using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.MassTransit.Telemetry;

/// <summary>The log messages of the FIT bus.</summary>
internal static partial class FitBusLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "FIT worker {WorkerId} on node {NodeId} joined with {FitableCount} fitables")]
    public static partial void WorkerArrived(ILogger logger, string workerId, string nodeId, int fitableCount);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "FIT worker {WorkerId} on node {NodeId} left: it sent its stopping heartbeat")]
    public static partial void WorkerLeft(ILogger logger, string workerId, string nodeId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "FIT worker {WorkerId} on node {NodeId} expired: no heartbeat since its last one ran out at {ExpiresAt}")]
    public static partial void WorkerExpired(ILogger logger, string workerId, string nodeId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "FIT bus endpoint {Endpoint} lost its connection to RabbitMQ")]
    public static partial void EndpointFaulted(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "FIT bus endpoint {Endpoint} recovered its connection to RabbitMQ after {Outage}")]
    public static partial void EndpointRecovered(ILogger logger, string endpoint, TimeSpan outage);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "FIT worker ready: worker {WorkerId} on node {NodeId} consumes {Queue}")]
    public static partial void WorkerReady(ILogger logger, string workerId, string nodeId, string queue);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "FIT worker {WorkerId} could not send its heartbeat")]
    public static partial void HeartbeatFailed(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Warning, Message = "A FIT heartbeat could not be read and was dropped")]
    public static partial void HeartbeatUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Debug, Message = "A FIT response for request {RequestId} arrived after its call ended and was dropped")]
    public static partial void LateResponse(ILogger logger, Guid? requestId);

    [LoggerMessage(EventId = 6109, Level = LogLevel.Warning, Message = "FIT request {RequestId} for {GenericableId}/{FitableId} failed on worker {WorkerId}")]
    public static partial void RequestFaulted(ILogger logger, string requestId, string genericableId, string fitableId, string workerId, Exception exception);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning, Message = "A FIT request without a response address was dropped on worker {WorkerId}")]
    public static partial void NoResponseAddress(ILogger logger, string workerId);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "{Count} FIT calls to worker {WorkerId} failed over: the worker left the registry")]
    public static partial void PendingFailedOver(ILogger logger, int count, string workerId);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "{Count} FIT calls failed: the caller's response queue lost its connection to RabbitMQ")]
    public static partial void PendingLostWithConnection(ILogger logger, int count);
}
