using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Server.Identity;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Endpoints;

/// <summary>Helpers that endpoints share.</summary>
internal static class HttpContextExtensions
{
    public static UserIdentity GetUser(this HttpContext context) => context.User.ToUserIdentity();

    /// <summary>Returns the caller of a task operation, acting for <paramref name="onBehalfOf"/> when it is given.</summary>
    public static TaskCaller GetCaller(this HttpContext context, string? onBehalfOf) =>
        new(context.GetUser(), string.IsNullOrWhiteSpace(onBehalfOf) ? null : onBehalfOf.Trim());

    /// <summary>Returns the <c>If-Match</c> header, or <see langword="null"/> when the request has none.</summary>
    public static string? GetIfMatch(this HttpContext context)
    {
        var value = context.Request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
