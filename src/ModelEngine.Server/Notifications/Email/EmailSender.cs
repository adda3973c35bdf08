using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Configuration;
using ModelEngine.Server.Notifications.Delivery;
using ModelEngine.Server.Notifications.Directory;

namespace ModelEngine.Server.Notifications.Email;

/// <summary>
/// Sends task e-mail over SMTP with MailKit, in the user's language. The Message-ID is derived from the delivery id,
/// so a message sent again after a crash carries the same id and mail clients can drop the repeat.
/// </summary>
internal sealed class EmailSender : INotificationSender
{
    private readonly IUserDirectory _directory;
    private readonly IOptionsMonitor<NotificationOptions> _options;

    public EmailSender(IUserDirectory directory, IOptionsMonitor<NotificationOptions> options)
    {
        _directory = directory;
        _options = options;
    }

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(NotificationDelivery delivery, HumanTaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue.Email;
        if (!options.Enabled)
        {
            throw new NotificationDeliveryException("E-mail is off (HumanTasks:Email:Enabled is false).", permanent: true);
        }

        var contact = await _directory.FindContactAsync(delivery.Target, cancellationToken)
            ?? throw new NotificationDeliveryException($"User '{delivery.Target}' has no mail address in the user directory (HumanTasks:Email:Users).", permanent: true);

        var (subject, body) = EmailTemplates.Render(taskEvent, contact.UserName, contact.Language);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(contact.UserName, contact.Address));
        message.Subject = subject;
        message.MessageId = $"{delivery.Id.Replace(':', '.')}@modelengine";
        message.Headers.Add(Webhooks.WebhookSignature.EventIdHeader, taskEvent.Id);
        message.Body = new TextPart("plain") { Text = body };

        try
        {
            using var client = new SmtpClient();
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            // 5xx replies reject the message or the mailbox for good; 4xx replies are temporary.
            var permanent = (int)exception.StatusCode >= 500;
            throw new NotificationDeliveryException($"The SMTP server rejected the message to {contact.Address}: {(int)exception.StatusCode} {exception.Message}", permanent, exception);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or ProtocolException or SslHandshakeException or AuthenticationException or ServiceNotConnectedException)
        {
            throw new NotificationDeliveryException($"Sending to {contact.Address} through {options.Host}:{options.Port} failed: {exception.Message}", permanent: false, exception);
        }
    }
}
