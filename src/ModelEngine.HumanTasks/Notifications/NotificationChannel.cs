namespace ModelEngine.HumanTasks.Notifications;

/// <summary>How a task event leaves the server besides the live inbox.</summary>
public enum NotificationChannel
{
    Webhook,
    Email,
}
