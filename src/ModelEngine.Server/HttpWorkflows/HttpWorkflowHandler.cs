using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Idempotency;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// Serves one request under <c>/workflows/</c>: finds the HttpEndpoint it reaches, checks its access rule, starts or
/// resumes the instance, and waits (at most <see cref="HttpWorkflowOptions.ResponseTimeout"/>) for the response.
/// </summary>
internal sealed partial class HttpWorkflowHandler
{
    private const string IdempotencyScope = "workflows";

    /// <summary>How often a waiting request reads its instance, for steps that another node runs.</summary>
    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HttpWorkflowRouter _router;
    private readonly HttpResponseWaiters _waiters;
    private readonly IWorkflowRuntime _runtime;
    private readonly IWorkflowInstanceStore _instances;
    private readonly IAuthorizationService _authorization;
    private readonly IdempotencyGate _idempotency;
    private readonly HttpWorkflowOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpWorkflowHandler> _logger;

    public HttpWorkflowHandler(
        HttpWorkflowRouter router,
        HttpResponseWaiters waiters,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore instances,
        IAuthorizationService authorization,
        IdempotencyGate idempotency,
        IOptions<HttpWorkflowOptions> options,
        TimeProvider timeProvider,
        ILogger<HttpWorkflowHandler> logger)
    {
        _router = router;
        _waiters = waiters;
        _runtime = runtime;
        _instances = instances;
        _authorization = authorization;
        _idempotency = idempotency;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(string path, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var correlationId = ReadCorrelationId(request);
        var (match, allowed) = await _router.ResolveAsync(method, segments, correlationId, cancellationToken);
        if (match is null)
        {
            return NoMatch(context, method, path, allowed);
        }

        if (await AuthorizeAsync(context, match) is { } denied)
        {
            return denied;
        }

        var key = IdempotencyGate.ReadKey(context);
        var body = await HttpWorkflowRequestReader.ReadBodyAsync(request, _options.MaxRequestBodySize, cancellationToken);
        var parsedBody = HttpWorkflowRequestReader.ParseBody(body, request.ContentType);
        var caller = context.User.Identity?.IsAuthenticated == true ? context.User.ToUserIdentity().Name : null;
        IdempotencyRecord? record = null;
        if (key is not null)
        {
            var hash = IdempotencyGate.HashRequest(method, string.Join('/', segments), request.QueryString.Value, body);
            if (await _idempotency.FindPreviousAsync(IdempotencyScope, caller ?? "", key, hash, cancellationToken) is { } previous)
            {
                return Replay(context, previous);
            }

            record = _idempotency.NewRecord(IdempotencyScope, caller ?? "", key, hash);
        }

        var requestId = Guid.NewGuid().ToString("N");
        var requestObject = HttpWorkflowRequestReader.Build(requestId, request, string.Join('/', segments), match.RouteValues, parsedBody);
        using var waiter = _waiters.Register(requestId);
        string instanceId;
        try
        {
            instanceId = await StartOrResumeAsync(match, requestObject, correlationId, caller, record, cancellationToken);
        }
        catch (Exception exception) when (record is not null && exception is ConcurrencyConflictException or BookmarkNotFoundException)
        {
            // A repeat of this request with the same key committed first, so this request returns its response.
            var previous = await _idempotency.FindPreviousAsync(record.Scope, record.Caller, record.Key, record.RequestHash, cancellationToken);
            if (previous is null)
            {
                throw;
            }

            return Replay(context, previous);
        }

        waiter.WorkflowInstanceId = instanceId;
        HttpWorkflowOutcome outcome;
        try
        {
            outcome = await WaitAsync(waiter, instanceId, cancellationToken);
        }
        catch (OperationCanceledException) when (record is not null)
        {
            // The client went away while the instance runs on. A repeat then gets 202 with the instance, as after a
            // timeout, instead of waiting for a response that no record will hold.
            ToResult(context, instanceId, new HttpWorkflowOutcome(null, WorkflowSubStatus.Pending), out var accepted);
            await _idempotency.CompleteAsync(
                IdempotencyGate.WithResponse(record, accepted.StatusCode, accepted.ContentType, accepted.Body, accepted.Headers, instanceId),
                CancellationToken.None);
            throw;
        }

        var result = ToResult(context, instanceId, outcome, out var stored);
        if (record is not null)
        {
            await _idempotency.CompleteAsync(
                IdempotencyGate.WithResponse(record, stored.StatusCode, stored.ContentType, stored.Body, stored.Headers, instanceId),
                CancellationToken.None);
        }

        return result;
    }

    private async Task<string> StartOrResumeAsync(
        HttpWorkflowMatch match, JsonObject request, string? correlationId, string? caller, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        IReadOnlyList<object>? changes = record is null ? null : [record];
        if (match.Bookmark is { } bookmark)
        {
            var resumeChanges = record is null ? null : new List<object> { record with { WorkflowInstanceId = bookmark.WorkflowInstanceId } };
            await _runtime.ResumeAsync(new ResumeWorkflowRequest(bookmark.WorkflowInstanceId, bookmark.Id, request, resumeChanges), cancellationToken);
            var method = request[HttpRequestModel.Method]?.GetValue<string>() ?? "";
            var path = request[HttpRequestModel.Path]?.GetValue<string>() ?? "";
            Log.Resumed(_logger, bookmark.WorkflowInstanceId, method, path);
            return bookmark.WorkflowInstanceId;
        }

        var trigger = match.Trigger!;
        var start = new StartWorkflowRequest(
            trigger.DefinitionId,
            CorrelationId: correlationId,
            Initiator: caller,
            Properties: HttpRequestModel.TriggerProperties(trigger.ActivityId, request),
            Changes: changes);
        var instanceId = await _runtime.DispatchAsync(start, cancellationToken);
        Log.Started(_logger, instanceId, trigger.DefinitionId, trigger.Method, trigger.Path);
        return instanceId;
    }

    /// <summary>Waits for a response, for the instance to suspend or finish, or for the timeout, whichever comes first.</summary>
    private async Task<HttpWorkflowOutcome> WaitAsync(HttpResponseWaiter waiter, string instanceId, CancellationToken cancellationToken)
    {
        var deadline = _timeProvider.GetUtcNow() + _options.ResponseTimeout;
        while (true)
        {
            if (waiter.Response.Task.IsCompleted)
            {
                return new HttpWorkflowOutcome(await waiter.Response.Task, null);
            }

            if (waiter.Settled.Task.IsCompleted)
            {
                return new HttpWorkflowOutcome(null, await waiter.Settled.Task);
            }

            // The commit may have happened before the waiter knew its instance, and another node may run the step.
            var summary = await _instances.FindSummaryAsync(instanceId, cancellationToken);
            var remaining = deadline - _timeProvider.GetUtcNow();
            var settled = summary is not null && HttpResponseWaiter.IsSettled(summary.SubStatus);
            if ((settled || remaining <= TimeSpan.Zero) && !waiter.Response.Task.IsCompleted)
            {
                // A step on another node stores its response in the instance state instead of this node's waiter.
                if (await ReadStoredResponseAsync(instanceId, waiter.RequestId, cancellationToken) is { } stored)
                {
                    return new HttpWorkflowOutcome(stored, null);
                }

                if (settled)
                {
                    return new HttpWorkflowOutcome(null, summary!.SubStatus);
                }

                Log.TimedOut(_logger, instanceId, _options.ResponseTimeout);
                return new HttpWorkflowOutcome(null, summary?.SubStatus ?? WorkflowSubStatus.Pending);
            }

            if (waiter.Response.Task.IsCompleted)
            {
                continue;
            }

            var delay = Task.Delay(remaining < StatusPollInterval ? remaining : StatusPollInterval, _timeProvider, cancellationToken);
            await Task.WhenAny(waiter.Response.Task, waiter.Settled.Task, delay);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<HttpResponseData?> ReadStoredResponseAsync(string instanceId, string requestId, CancellationToken cancellationToken)
    {
        var snapshot = await _instances.LoadAsync(instanceId, cancellationToken);
        return snapshot is null ? null : HttpRequestModel.ReadStoredResponse(WorkflowStateSerializer.Deserialize(snapshot.StateJson), requestId);
    }

    private static string? ReadCorrelationId(HttpRequest request)
    {
        var header = request.Headers[HttpWorkflowEndpoints.CorrelationHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var query = request.Query["correlationId"].ToString();
        return query.Length > 0 ? query : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1700, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} started by {Method} /workflows/{Path}")]
        public static partial void Started(ILogger logger, string workflowInstanceId, string definitionId, string method, string path);

        [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} resumed by {Method} /workflows/{Path}")]
        public static partial void Resumed(ILogger logger, string workflowInstanceId, string method, string path);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} wrote no HTTP response within {Timeout}; the request gets 202")]
        public static partial void TimedOut(ILogger logger, string workflowInstanceId, TimeSpan timeout);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Error, Message = "Workflow instance {WorkflowInstanceId} wrote response headers that the server rejected; the request gets 502")]
        public static partial void ResponseHeadersRejected(ILogger logger, Exception exception, string workflowInstanceId);

        [LoggerMessage(EventId = 1704, Level = LogLevel.Error, Message = "Writing the HTTP response of workflow instance {WorkflowInstanceId} failed")]
        public static partial void ResponseWriteFailed(ILogger logger, Exception exception, string workflowInstanceId);
    }
}
