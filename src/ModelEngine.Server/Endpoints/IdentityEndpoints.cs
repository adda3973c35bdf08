using Microsoft.Extensions.Options;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/identity</c>: login with a configured user name and password, and refresh of the access token. With an
/// external OpenID Connect provider (<c>Identity:Oidc:Authority</c>) both return 404, because the provider issues
/// the tokens.
/// </summary>
internal static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/identity/login", LoginAsync)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithSummary("Exchanges a user name and password for a bearer access token and a refresh token.")
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/identity/refresh", RefreshAsync)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithSummary("Exchanges a refresh token for a new access token and a new refresh token; the old one is used up.")
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest? request,
        HttpContext context,
        ConfiguredUserAuthenticator authenticator,
        AccessTokenIssuer issuer,
        RefreshTokenService refreshTokens,
        IOptions<ServerIdentityOptions> options,
        CancellationToken cancellationToken)
    {
        if (options.Value.Oidc.IsEnabled)
        {
            return ExternalProviderProblem(options.Value.Oidc);
        }

        if (string.IsNullOrEmpty(request?.Username))
        {
            throw new RequestValidationException("username", request?.Username, "The body needs 'username' and 'password'.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            throw new RequestValidationException("password", null, "The body needs 'password' as well as 'username'.");
        }

        var result = authenticator.Authenticate(request.Username, request.Password);
        if (result.User is null)
        {
            return result.Rejection == LoginRejection.DemoPassword
                ? Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "The demo password is not accepted here.",
                    detail: $"User '{request.Username}' still has the demo password, which only the Development environment accepts. " +
                        "Set a new Identity:Users:N:PasswordHash (print one with 'hash-password PASSWORD'), or remove the user.")
                : Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Login failed.",
                    detail: "The user name or the password is wrong.");
        }

        var (refreshToken, refreshExpiresAt) = await refreshTokens.IssueAsync(result.User, cancellationToken);
        return TokenResult(context, issuer, result.User, refreshToken, refreshExpiresAt);
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest? request,
        HttpContext context,
        AccessTokenIssuer issuer,
        RefreshTokenService refreshTokens,
        IOptions<ServerIdentityOptions> options,
        CancellationToken cancellationToken)
    {
        if (options.Value.Oidc.IsEnabled)
        {
            return ExternalProviderProblem(options.Value.Oidc);
        }

        if (string.IsNullOrEmpty(request?.RefreshToken))
        {
            throw new RequestValidationException("refreshToken", null,
                "The body needs 'refreshToken', the value returned by the last login or refresh, as in { \"refreshToken\": \"...\" }.");
        }

        var result = await refreshTokens.RotateAsync(request.RefreshToken, cancellationToken);
        if (result.User is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token was rejected.", detail: result.Rejection);
        }

        return TokenResult(context, issuer, result.User, result.RefreshToken!, result.RefreshTokenExpiresAt);
    }

    private static IResult TokenResult(HttpContext context, AccessTokenIssuer issuer, UserIdentity user, string refreshToken, DateTimeOffset refreshExpiresAt)
    {
        var (accessToken, expiresAt) = issuer.Issue(user);

        // The cookie is sent to /hangfire only, so that an admin's browser can open the dashboard.
        context.Response.Cookies.Append(ServerIdentityServiceCollectionExtensions.DashboardCookieName, accessToken, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/hangfire",
            Expires = expiresAt,
        });
        return Results.Ok(new LoginResponse(accessToken, "Bearer", expiresAt, refreshToken, refreshExpiresAt));
    }

    private static IResult ExternalProviderProblem(ExternalOidcOptions oidc) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Tokens come from the OpenID Connect provider.",
        detail: $"This server accepts access tokens from '{oidc.Authority}' (Identity:Oidc:Authority), so it has no login or refresh of its own. " +
            "Obtain and refresh tokens at that provider.");
}
