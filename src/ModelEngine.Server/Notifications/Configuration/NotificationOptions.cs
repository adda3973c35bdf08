namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>The notification settings under <c>HumanTasks</c>: webhooks, e-mail and their delivery.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "HumanTasks";

    public List<WebhookOptions> Webhooks { get; set; } = [];

    public EmailOptions Email { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}
