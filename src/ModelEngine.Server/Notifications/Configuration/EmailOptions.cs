namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>E-mail about task assignment, escalation and overdue tasks, bound from <c>HumanTasks:Email</c>.</summary>
public sealed class EmailOptions
{
    public bool Enabled { get; set; }

    /// <summary>The SMTP server's host name.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>
    /// Whether the connection must be encrypted: TLS from the start on port 465, STARTTLS on any other port. When
    /// false, the connection stays in plain text.
    /// </summary>
    public bool UseTls { get; set; } = true;

    /// <summary>The sender address, such as <c>ModelEngine &lt;noreply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>The SMTP user name, or empty to send without authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The mailbox and language of each user, by user name.</summary>
    public Dictionary<string, EmailUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Members of groups, by group name, added to the groups that <c>Identity:Users</c> gives each user.</summary>
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.Ordinal);
}
