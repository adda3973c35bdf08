namespace ModelEngine.Server.Notifications.Delivery;

/// <summary>An attempt to deliver a notification failed.</summary>
internal sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = permanent;
    }

    /// <summary>Whether another attempt cannot succeed, such as a webhook that rejects the request with 400.</summary>
    public bool IsPermanent { get; }
}
