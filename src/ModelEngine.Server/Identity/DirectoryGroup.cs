namespace ModelEngine.Server.Identity;

/// <summary>A group listed under <c>Identity:Directory:Groups</c>: the name tokens carry and a display name.</summary>
public sealed class DirectoryGroup
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }
}
