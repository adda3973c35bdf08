namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>The mailbox of one user, an entry of <c>HumanTasks:Email:Users</c>.</summary>
public sealed class EmailUserOptions
{
    public string Address { get; set; } = "";

    /// <summary>The language of the user's messages: <c>en</c> (the default) or <c>zh-CN</c>.</summary>
    public string? Language { get; set; }
}
