using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using ModelEngine.Server.Idempotency;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>The responses of <see cref="HttpWorkflowHandler"/>: no match, denied access, and the instance's outcome.</summary>
internal sealed partial class HttpWorkflowHandler
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ProblemContentType = "application/problem+json";

    private static IResult NoMatch(HttpContext context, string method, string path, IReadOnlyList<string> allowed)
    {
        if (allowed.Count == 0)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The resource was not found.",
                detail: $"No published workflow has an HttpEndpoint for {method} /workflows/{path}, and no workflow instance waits for it.");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Results.Problem(
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "The method is not allowed.",
            detail: $"/workflows/{path} accepts {string.Join(", ", allowed)}, not {method}.");
    }

    /// <summary>Returns 401 or 403 when the caller may not use the HttpEndpoint, or <see langword="null"/> when it may.</summary>
    private async Task<IResult?> AuthorizeAsync(HttpContext context, HttpWorkflowMatch match)
    {
        var authenticated = context.User.Identity?.IsAuthenticated == true;
        if ((match.Authorize || match.Policy is not null) && !authenticated)
        {
            await context.ChallengeAsync();
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication is required.",
                detail: "This workflow endpoint accepts authenticated callers only. Send 'Authorization: Bearer <accessToken>' or an 'X-Api-Key' header.");
        }

        if (match.Policy is not { } policy)
        {
            return null;
        }

        string reason;
        try
        {
            var result = await _authorization.AuthorizeAsync(context.User, null, policy);
            if (result.Succeeded)
            {
                return null;
            }

            reason = $"'{context.User.Identity?.Name}' does not satisfy the authorization policy '{policy}' of this workflow endpoint.";
        }
        catch (InvalidOperationException)
        {
            // A waiting HttpEndpoint may name a policy that the server does not configure, and no caller satisfies it.
            reason = $"The authorization policy '{policy}' of this workflow endpoint is not configured on this server, so no caller satisfies it.";
        }

        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The operation is not allowed for this user.", detail: reason);
    }

    /// <summary>Builds the response for the outcome, and returns in <paramref name="stored"/> what a repeat with the same key gets.</summary>
    private IResult ToResult(HttpContext context, string instanceId, HttpWorkflowOutcome outcome, out HttpResponseData stored)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            [HttpWorkflowEndpoints.InstanceHeader] = [instanceId],
        };

        if (outcome.Response is { } response)
        {
            foreach (var (name, values) in response.Headers)
            {
                headers[name] = values;
            }

            stored = response with { Headers = headers };
        }
        else
        {
            stored = outcome.SubStatus switch
            {
                WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled => new HttpResponseData(StatusCodes.Status204NoContent, null, headers, null),
                WorkflowSubStatus.Faulted => new HttpResponseData(StatusCodes.Status502BadGateway, ProblemContentType, headers, FaultedProblem(context, instanceId)),
                var subStatus => Accepted(instanceId, subStatus ?? WorkflowSubStatus.Pending, headers),
            };
        }

        try
        {
            foreach (var (name, values) in stored.Headers)
            {
                context.Response.Headers[name] = values;
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // WriteHttpResponse checks its headers, so only a response stored before that check, or a header that
            // Kestrel rejects for a reason the check does not know, gets here.
            stored = RejectHeaders(context, instanceId, exception);
        }

        var result = stored.Body is null
            ? Results.StatusCode(stored.StatusCode)
            : Results.Content(stored.Body, stored.ContentType, statusCode: stored.StatusCode);
        return new LoggedWorkflowResult(result, instanceId, _logger);
    }

    /// <summary>
    /// Repeats the first response of an Idempotency-Key. A stored response whose headers the server rejects, such as
    /// one stored before WriteHttpResponse checked its headers, becomes a logged 502.
    /// </summary>
    private IResult Replay(HttpContext context, IdempotencyRecord previous)
    {
        var instanceId = previous.WorkflowInstanceId ?? "";
        try
        {
            return new LoggedWorkflowResult(IdempotencyGate.Replay(context, previous), instanceId, _logger);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            var rejected = RejectHeaders(context, instanceId, exception);
            return new LoggedWorkflowResult(Results.Content(rejected.Body, rejected.ContentType, statusCode: rejected.StatusCode), instanceId, _logger);
        }
    }

    /// <summary>Logs headers that the server rejected, clears what was set, and returns the 502 that replaces the response.</summary>
    private HttpResponseData RejectHeaders(HttpContext context, string instanceId, Exception exception)
    {
        Log.ResponseHeadersRejected(_logger, exception, instanceId);
        context.Response.Headers.Clear();
        context.Response.Headers[HttpWorkflowEndpoints.InstanceHeader] = instanceId;
        return new HttpResponseData(
            StatusCodes.Status502BadGateway,
            ProblemContentType,
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [HttpWorkflowEndpoints.InstanceHeader] = [instanceId] },
            UnsendableProblem(context, instanceId));
    }

    private static string UnsendableProblem(HttpContext context, string instanceId) => new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        ["title"] = "The workflow wrote a response that the server cannot send.",
        ["status"] = StatusCodes.Status502BadGateway,
        ["detail"] = $"The server could not send the response of workflow instance '{instanceId}'. The server log has the cause under this instance id.",
        ["instance"] = context.Request.Path.Value,
        ["workflowInstanceId"] = instanceId,
        ["traceId"] = ProblemTraceId.Get(context),
    }.ToJsonString();

    private static HttpResponseData Accepted(string instanceId, WorkflowSubStatus subStatus, Dictionary<string, string[]> headers)
    {
        headers["Location"] = [$"/api/workflow-instances/{instanceId}"];
        var body = new JsonObject { ["workflowInstanceId"] = instanceId, ["subStatus"] = subStatus.ToString() };
        return new HttpResponseData(StatusCodes.Status202Accepted, JsonContentType, headers, body.ToJsonString());
    }

    private static string FaultedProblem(HttpContext context, string instanceId) => new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        ["title"] = "The workflow faulted before it wrote a response.",
        ["status"] = StatusCodes.Status502BadGateway,
        ["detail"] = $"Workflow instance '{instanceId}' faulted. Its incidents are at GET /api/workflow-instances/{instanceId} for callers who may read it.",
        ["instance"] = context.Request.Path.Value,
        ["workflowInstanceId"] = instanceId,
        ["traceId"] = ProblemTraceId.Get(context),
    }.ToJsonString();
}
