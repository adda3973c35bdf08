using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>Checks the webhook, e-mail and delivery settings before the server starts, and reports every error at once.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var key = $"HumanTasks:Webhooks:{i}";
            if (string.IsNullOrWhiteSpace(webhook.Name))
            {
                errors.Add($"{key}:Name is empty; give each webhook a unique name.");
            }
            else if (!names.Add(webhook.Name))
            {
                errors.Add($"{key}:Name '{webhook.Name}' is used by another webhook; names must be unique.");
            }

            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{key}:Url '{webhook.Url}' is not an absolute http or https URL.");
            }

            if (string.IsNullOrEmpty(webhook.Secret))
            {
                errors.Add($"{key}:Secret is empty; set the key that signs each delivery.");
            }

            if (webhook.Events.Count == 0)
            {
                errors.Add($"{key}:Events is empty; list the event kinds to send, such as Created, Assigned and Completed.");
            }
        }

        var email = options.Email;
        if (email.Enabled)
        {
            if (string.IsNullOrWhiteSpace(email.Host))
            {
                errors.Add("HumanTasks:Email:Host is empty, but HumanTasks:Email:Enabled is true. Set the SMTP server's host name.");
            }

            if (email.Port is < 1 or > 65535)
            {
                errors.Add($"HumanTasks:Email:Port is {email.Port}; it must be between 1 and 65535.");
            }

            if (!MimeKit.MailboxAddress.TryParse(email.From, out _))
            {
                errors.Add($"HumanTasks:Email:From '{email.From}' is not a mail address, such as ModelEngine <noreply@example.com>.");
            }
        }

        var delivery = options.Delivery;
        if (delivery.MaxAttempts < 1)
        {
            errors.Add($"HumanTasks:Delivery:MaxAttempts is {delivery.MaxAttempts}; it must be at least 1.");
        }

        if (delivery.BatchSize < 1)
        {
            errors.Add($"HumanTasks:Delivery:BatchSize is {delivery.BatchSize}; it must be at least 1.");
        }

        if (delivery.PollInterval <= TimeSpan.Zero || delivery.InitialBackoff <= TimeSpan.Zero || delivery.MaxBackoff < delivery.InitialBackoff)
        {
            errors.Add("HumanTasks:Delivery:PollInterval and InitialBackoff must be positive, and MaxBackoff at least InitialBackoff.");
        }

        if (delivery.RequestTimeout <= TimeSpan.Zero || delivery.ClaimLease <= delivery.RequestTimeout)
        {
            errors.Add($"HumanTasks:Delivery:ClaimLease ({delivery.ClaimLease}) must be longer than HumanTasks:Delivery:RequestTimeout ({delivery.RequestTimeout}), which must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
