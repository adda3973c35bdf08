using Microsoft.Extensions.Options;

namespace ModelEngine.Messaging;

/// <summary>Rejects messaging settings that cannot work, naming the key and the value to change, all at once.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"Messaging:Transport is '{options.Transport}'. Use InMemory or RabbitMq.");
        }

        RequirePositive(failures, "Messaging:OutboxPollInterval", options.OutboxPollInterval);
        RequirePositive(failures, "Messaging:OutboxClaimLease", options.OutboxClaimLease);
        RequirePositive(failures, "Messaging:PublishTimeout", options.PublishTimeout);
        if (options.OutboxBatchSize < 1)
        {
            failures.Add($"Messaging:OutboxBatchSize is {options.OutboxBatchSize}. Set it to 1 or more.");
        }

        if (string.IsNullOrWhiteSpace(options.QueuePrefix) || options.QueuePrefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            failures.Add($"Messaging:QueuePrefix is '{options.QueuePrefix}'. Use letters, digits, '-', '_' or '.' only, such as modelengine.");
        }

        foreach (var type in options.MessageTypes)
        {
            if (string.IsNullOrWhiteSpace(type))
            {
                failures.Add("Messaging:MessageTypes contains an empty name. Remove it or give it a name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}. Set it to a positive duration such as 00:00:05.");
        }
    }
}
