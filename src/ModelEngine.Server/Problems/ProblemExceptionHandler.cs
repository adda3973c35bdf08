using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ModelEngine.Fel;
using ModelEngine.Fel.Providers;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Server.Idempotency;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Migration;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Server.Problems;

/// <summary>
/// Turns exceptions into RFC 9457 problem details: bad input and the engine's known exceptions get their 4xx status, or
/// 503 with Retry-After for an instance leased by another node, and a message that names the element and the value.
/// A database that cannot be reached or is busy gives 503 with Retry-After. Any other exception is logged and returned
/// as a 500 that carries only the trace id.
/// </summary>
internal sealed partial class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problemDetails;
    private readonly ILogger<ProblemExceptionHandler> _logger;

    public ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger)
    {
        _problemDetails = problemDetails;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = ProblemTraceId.Get(httpContext);
        var problem = exception is BadHttpRequestException { InnerException: JsonException json } && JsonTypeMismatchProblem.IsTypeMismatch(json)
            ? JsonTypeMismatchProblem.Create(httpContext, json)
            : Map(exception);
        int? retryAfterSeconds = exception is WorkflowInstanceBusyException busy ? RetryAfterSeconds(busy) : null;
        if (problem is null && DatabaseUnavailableClassifier.IsDatabaseUnavailable(exception))
        {
            Log.DatabaseUnavailable(_logger, exception, httpContext.Request.Method, httpContext.Request.Path, traceId);
            retryAfterSeconds = DatabaseRetryAfterSeconds;
            problem = Problem(StatusCodes.Status503ServiceUnavailable, "The database is unavailable.",
                $"The server cannot reach its database or the database is busy. Retry in {DatabaseRetryAfterSeconds} seconds or later; " +
                $"if the problem persists, report the trace id '{traceId}' to the operator.",
                ("retryAfterSeconds", DatabaseRetryAfterSeconds));
        }
        else if (problem is null)
        {
            Log.Unhandled(_logger, exception, httpContext.Request.Method, httpContext.Request.Path, traceId);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = $"The server failed to process the request. Report the trace id '{traceId}' to the operator; the server log has the details.",
            };
        }
        else
        {
            Log.Handled(_logger, problem.Status ?? 0, exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        problem.Extensions["traceId"] = traceId;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await _problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>Returns the problem for a known exception, or <see langword="null"/> for an unexpected one.</summary>
    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request is invalid.", badRequest.Message),
        RequestValidationException invalid => Problem(StatusCodes.Status400BadRequest, "A request parameter is invalid.", invalid.Message,
            ("parameter", invalid.Parameter), ("value", invalid.Value)),
        TaskValidationException { Errors.Count: > 0 } invalid => Problem(StatusCodes.Status400BadRequest, "The task input is invalid.", invalid.Message,
            ("parameter", invalid.Field), ("value", invalid.Value), ("errors", invalid.Errors)),
        TaskValidationException invalid => Problem(StatusCodes.Status400BadRequest, "The task input is invalid.", invalid.Message,
            ("parameter", invalid.Field), ("value", invalid.Value)),
        InvalidMigrationRequestException invalid => Problem(StatusCodes.Status400BadRequest, "A request field is invalid.", invalid.Message,
            ("parameter", invalid.Parameter), ("value", invalid.Value)),
        MigrationRejectedException rejected => Problem(StatusCodes.Status409Conflict, "The instance cannot be migrated.", rejected.Message,
            ("instanceId", rejected.InstanceId), ("activityId", rejected.ActivityId)),
        DefinitionValidationException validation => Problem(StatusCodes.Status400BadRequest, "The workflow definition is invalid.",
            $"{validation.Message} Fix every entry in 'errors' and publish again.",
            ("errors", validation.Errors.Select(error => new { error.ActivityId, error.Property, error.Value, error.Message }).ToList())),
        WorkflowNotFoundException or TaskNotFoundException => Problem(StatusCodes.Status404NotFound, "The resource was not found.", exception.Message),
        TaskForbiddenException => Problem(StatusCodes.Status403Forbidden, "The operation is not allowed for this user.", exception.Message),
        TaskPreconditionFailedException => Problem(StatusCodes.Status412PreconditionFailed, "The If-Match ETag is stale.",
            $"{exception.Message} Read the task again and retry with its current ETag."),
        TaskConflictException or BookmarkNotFoundException or WorkflowConflictException => Problem(StatusCodes.Status409Conflict,
            "The operation conflicts with the current state.", exception.Message),
        DefinitionInUseException inUse => Problem(StatusCodes.Status409Conflict, "The operation conflicts with the current state.", inUse.Message,
            ("definitionId", inUse.DefinitionId), ("runningInstanceCount", inUse.RunningInstanceCount)),
        IdempotencyKeyReusedException reused => Problem(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request.",
            reused.Message, ("idempotencyKey", reused.Key)),
        IdempotencyInProgressException inProgress => Problem(StatusCodes.Status409Conflict, "The first request with this Idempotency-Key has not finished.",
            inProgress.Message, ("idempotencyKey", inProgress.Key)),
        WorkflowInstanceBusyException busy => Problem(StatusCodes.Status503ServiceUnavailable, "The workflow instance is busy on another node.",
            busy.Message, ("workflowInstanceId", busy.InstanceId), ("retryAfterSeconds", RetryAfterSeconds(busy))),
        KnowledgeEmbeddingMismatchException mismatch => Problem(StatusCodes.Status409Conflict, "The knowledge base was embedded with another model.",
            mismatch.Message, ("knowledgeBase", mismatch.KnowledgeBase), ("expectedDimensions", mismatch.ExpectedDimensions),
            ("actualDimensions", mismatch.ActualDimensions)),
        KnowledgeUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Knowledge bases are not set up.", exception.Message),
        FelModelNotConfiguredException notConfigured => Problem(StatusCodes.Status503ServiceUnavailable, "A model is not configured.",
            notConfigured.Message, ("configurationKey", notConfigured.ConfigurationKey)),
        FelModelException model => Problem(StatusCodes.Status502BadGateway, "The model provider failed.", model.Message,
            ("model", model.ModelName), ("providerStatus", model.StatusCode)),
        ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "The resource was changed by another request.",
            $"{exception.Message} Read it again and retry."),
        _ => null,
    };

    /// <summary>The Retry-After value sent while the database is unavailable. It is an estimate of a short outage, not a measurement.</summary>
    private const int DatabaseRetryAfterSeconds = 5;

    private static int RetryAfterSeconds(WorkflowInstanceBusyException busy) => (int)Math.Max(1, Math.Ceiling(busy.RetryAfter.TotalSeconds));

    private static ProblemDetails MalformedJson(JsonException json)
    {
        // JsonException counts lines and bytes from zero; editors count lines from one.
        var line = json.LineNumber + 1;
        var position = json.BytePositionInLine + 1;
        var path = json.Path ?? "$";
        return Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON.",
            $"The JSON body is malformed at {path} (line {line}, byte {position}): {FirstSentence(json.Message)} Send a well-formed JSON document.",
            ("jsonPath", path), ("line", line), ("bytePositionInLine", position));
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own "Path: ... | LineNumber: ..." suffix, which the problem already carries.
        var index = message.IndexOf(" Path:", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly (trace id {TraceId}).")]
        public static partial void Unhandled(ILogger logger, Exception exception, string method, string path, string traceId);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "{Method} {Path} returned 503 because the database is unavailable (trace id {TraceId}).")]
        public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string method, string path, string traceId);

        [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "{Method} {Path} returned {Status} for {ExceptionType}: {Message}")]
        public static partial void Handled(ILogger logger, int status, string exceptionType, string method, string path, string message);
    }
}
