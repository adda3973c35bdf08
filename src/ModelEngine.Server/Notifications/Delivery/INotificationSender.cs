using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;

namespace ModelEngine.Server.Notifications.Delivery;

/// <summary>Sends the deliveries of one channel.</summary>
internal interface INotificationSender
{
    NotificationChannel Channel { get; }

    /// <summary>
    /// Makes one attempt. Throws <see cref="NotificationDeliveryException"/> for a failure, which is retried unless it is
    /// permanent.
    /// </summary>
    Task SendAsync(NotificationDelivery delivery, HumanTaskEvent taskEvent, CancellationToken cancellationToken);
}
