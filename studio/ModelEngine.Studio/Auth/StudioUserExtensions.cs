using System.Security.Claims;

namespace ModelEngine.Studio.Auth;

/// <summary>Reads the studio user's name and groups from the principal.</summary>
public static class StudioUserExtensions
{
    public const string Admins = "admins";
    public const string Designers = "designers";

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? string.Empty;

    public static IReadOnlyList<string> Groups(this ClaimsPrincipal user) =>
        user.FindAll(StudioAuthentication.GroupClaim).Select(c => c.Value).ToArray();

    public static bool InGroup(this ClaimsPrincipal user, string group) =>
        user.HasClaim(StudioAuthentication.GroupClaim, group);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.InGroup(Admins);

    /// <summary>Whether the user may edit definitions: the <c>designers</c> and <c>admins</c> groups.</summary>
    public static bool IsDesigner(this ClaimsPrincipal user) => user.InGroup(Designers) || user.InGroup(Admins);
}
