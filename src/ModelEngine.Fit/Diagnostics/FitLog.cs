using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.Diagnostics;

/// <summary>Log messages of operator dispatch, with event ids 6100 to 6149.</summary>
internal static partial class FitLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug,
        Message = "Genericable {GenericableId} routed to fitable {FitableId} on {WorkerId} (rule: {Rule}, rejected: {Rejected})")]
    public static partial void Routed(ILogger logger, string genericableId, string fitableId, string workerId, string rule, string rejected);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug,
        Message = "Genericable {GenericableId} fitable {FitableId} failed on attempt {Attempt}, trying again: {Error}")]
    public static partial void Retrying(ILogger logger, string genericableId, string fitableId, int attempt, string error);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information,
        Message = "Genericable {GenericableId} fitable {FitableId} failed, degrading to {DegradesTo}: {Error}")]
    public static partial void Degrading(ILogger logger, string genericableId, string fitableId, string degradesTo, string error);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information,
        Message = "Genericable {GenericableId} fitable {FitableId}: worker {WorkerId} is unavailable, trying another worker: {Error}")]
    public static partial void FailingOver(ILogger logger, string genericableId, string fitableId, string workerId, string error);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Debug,
        Message = "Multicast of genericable {GenericableId}: fitable {FitableId} failed and is left out: {Error}")]
    public static partial void MulticastFailure(ILogger logger, string genericableId, string fitableId, string error);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning,
        Message = "Request {RequestId} for genericable {GenericableId} fitable {FitableId} failed on this worker")]
    public static partial void ExecutorFailed(ILogger logger, Exception exception, string requestId, string genericableId, string fitableId);
}
