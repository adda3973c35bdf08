using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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
/// Any other exception is logged and returned as a 500 that carries only the trace id.
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
        var problem = Map(exception);
        if (problem is null)
        {
            Log.Unhandled(_logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = $"The server failed to process the request. Report the trace id '{httpContext.TraceIdentifier}' to the operator; the server log has the details.",
            };
        }
        else
        {
            Log.Handled(_logger, problem.Status ?? 0, exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (exception is WorkflowInstanceBusyException busy)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(busy).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
        ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "The resource was changed by another request.",
            $"{exception.Message} Read it again and retry."),
        _ => null,
    };

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

        [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "{Method} {Path} returned {Status} for {ExceptionType}: {Message}")]
        public static partial void Handled(ILogger logger, int status, string exceptionType, string method, string path, string message);
    }
}
