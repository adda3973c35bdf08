using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary><c>/api/identity</c>: login with a configured user name and password.</summary>
internal static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/identity/login", Login)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithSummary("Exchanges a user name and password for a bearer access token.")
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static IResult Login(LoginRequest? request, HttpContext context, ConfiguredUserAuthenticator authenticator, AccessTokenIssuer issuer)
    {
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

        var (accessToken, expiresAt) = issuer.Issue(result.User);

        // The cookie is sent to /hangfire only, so that an admin's browser can open the dashboard.
        context.Response.Cookies.Append(ServerIdentityServiceCollectionExtensions.DashboardCookieName, accessToken, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/hangfire",
            Expires = expiresAt,
        });
        return Results.Ok(new LoginResponse(accessToken, "Bearer", expiresAt));
    }
}
