using Microsoft.Extensions.Logging;

namespace ModelEngine.Fel.Providers.Diagnostics;

/// <summary>
/// The log events of the model adapters. They carry the model's name and provider and never a key, a prompt or a
/// completion.
/// </summary>
internal static partial class FelModelLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "FEL model {ModelName} created: {Provider} {Kind} model {ModelId}")]
    public static partial void ClientCreated(ILogger logger, string modelName, string provider, FelModelKind kind, string modelId);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "FEL model {ModelName} answered HTTP {StatusCode}; retry {Retry} of {MaxRetries} in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string modelName, int statusCode, int retry, int maxRetries, long delayMilliseconds);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "FEL model {ModelName} could not be reached ({ErrorType}); retry {Retry} of {MaxRetries} in {DelayMilliseconds} ms")]
    public static partial void ConnectionRetryScheduled(ILogger logger, string modelName, string errorType, int retry, int maxRetries, long delayMilliseconds);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "FEL model {ModelName} failed with HTTP {StatusCode}; attempts made: {Attempts}")]
    public static partial void CallFailed(ILogger logger, string modelName, int statusCode, int attempts);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Warning, Message = "FEL model {ModelName} input rejected before the call: about {TokenCount} tokens, over the context window of {ContextWindow}")]
    public static partial void ContextLimitRejected(ILogger logger, string modelName, int tokenCount, int contextWindow);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Error, Message = "FEL model {ModelName} call failed without an HTTP error status ({ErrorType})")]
    public static partial void CallBroken(ILogger logger, string modelName, string errorType);
}
