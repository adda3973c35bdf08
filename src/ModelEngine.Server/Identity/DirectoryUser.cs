namespace ModelEngine.Server.Identity;

/// <summary>A user listed under <c>Identity:Directory:Users</c>: the user name tokens carry, a display name and groups.</summary>
public sealed class DirectoryUser
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>The user's groups, which the group picker lists too.</summary>
    public List<string> Groups { get; set; } = [];
}
