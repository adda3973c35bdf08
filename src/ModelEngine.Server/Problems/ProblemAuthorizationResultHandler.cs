using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using ModelEngine.Server.Identity;
using ModelEngine.Studio.Auth;

namespace ModelEngine.Server.Problems;

/// <summary>
/// Writes problem details for failed authorization: 401 when the caller is not authenticated (after the scheme has
/// set its WWW-Authenticate header) and 403 when the caller lacks the group an endpoint requires.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();
    private readonly IProblemDetailsService _problemDetails;

    public ProblemAuthorizationResultHandler(IProblemDetailsService problemDetails)
    {
        _problemDetails = problemDetails;
    }

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Studio pages sign in through their cookie: its handler redirects a challenge to the login page.
        if (policy.AuthenticationSchemes.Contains(StudioAuthentication.CookieScheme))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
            var sentCredentials = context.Request.Headers.ContainsKey("Authorization") || context.Request.Headers.ContainsKey("X-Api-Key");
            var reason = (failure, sentCredentials) switch
            {
                (not null, _) => $"The credentials were rejected: {failure.Message}",
                (null, true) => "The credentials were rejected: the token is expired, malformed or not signed by this server, or the API key is unknown.",
                _ => "The request carries no credentials.",
            };
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication is required.",
                $"{reason} Send 'Authorization: Bearer <accessToken>' with a token from POST /api/identity/login, or an 'X-Api-Key' header with a configured API key.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync();
            await WriteAsync(context, StatusCodes.Status403Forbidden, "The operation is not allowed for this user.", DescribeForbidden(context));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string DescribeForbidden(HttpContext context)
    {
        var user = context.User.Identity?.Name ?? "the caller";
        var groups = string.Join(", ", context.User.FindAll(ServerClaimTypes.Groups).Select(claim => claim.Value));
        var policyName = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy)
            .LastOrDefault(name => name is not null);
        var requirement = policyName switch
        {
            AccessPolicies.DefinitionWriter => "Writing workflow definitions needs the 'admins' or 'designers' group",
            AccessPolicies.OperatorReader => "Reading the operator catalog needs the 'admins' or 'designers' group",
            AccessPolicies.RunTaskWorker => "Listing and completing RunTasks needs an X-Api-Key client or the 'admins' group",
            AccessPolicies.EventTrigger => "Triggering events needs an X-Api-Key client or the 'admins' group",
            AccessPolicies.Admin => "Reading the audit log and managing API keys needs the 'admins' group",
            _ => "This operation needs a group",
        };
        return $"{requirement}; '{user}' is in [{groups}].";
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await _problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
