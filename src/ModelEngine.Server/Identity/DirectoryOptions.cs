namespace ModelEngine.Server.Identity;

/// <summary>
/// The <c>Identity:Directory</c> section: users and groups that the studio's user and group pickers list besides the
/// configured users. With an external OpenID Connect provider, the pickers list only these entries.
/// </summary>
public sealed class DirectoryOptions
{
    /// <summary>Users to list, such as the users of an external provider that tasks may be assigned to.</summary>
    public List<DirectoryUser> Users { get; set; } = [];

    /// <summary>Groups to list, such as candidate groups that no configured user belongs to yet.</summary>
    public List<DirectoryGroup> Groups { get; set; } = [];
}
