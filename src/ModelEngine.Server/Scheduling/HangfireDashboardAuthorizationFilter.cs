using Hangfire.Dashboard;
using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Lets only members of the admins group see the Hangfire dashboard. A browser cannot send a bearer header, so the
/// JWT handler also reads the token from the cookie that login sets, for <c>/hangfire</c> requests only.
/// </summary>
internal sealed class HangfireDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.ToUserIdentity().IsAdmin;
    }
}
