namespace ModelEngine.Workflows.Security;

/// <summary>The caller of an operation: a user name or API key name, and the groups it belongs to.</summary>
public sealed record UserIdentity(string Name, IReadOnlySet<string> Groups)
{
    public const string AdminsGroup = "admins";
    public const string DesignersGroup = "designers";

    public bool IsAdmin => Groups.Contains(AdminsGroup);

    public bool IsDesigner => Groups.Contains(DesignersGroup);

    public bool IsInGroup(string group) => Groups.Contains(group);
}
