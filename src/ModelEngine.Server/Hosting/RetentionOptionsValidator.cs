using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Hosting;

/// <summary>Rejects a zero or negative retention age, and a sweep interval that PeriodicTimer cannot wait for, before the host starts.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromDays(49);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.FinishedInstanceAge is { } age && age <= TimeSpan.Zero)
        {
            failures.Add($"Retention:FinishedInstanceAge is {age}, but it must be positive, such as 30.00:00:00 for 30 days. Leave it unset to keep finished instances.");
        }

        // PeriodicTimer (.NET 10) accepts periods up to uint.MaxValue - 1 milliseconds, about 49.7 days.
        if (options.SweepInterval <= TimeSpan.Zero || options.SweepInterval > MaxSweepInterval)
        {
            failures.Add($"Retention:SweepInterval is {options.SweepInterval}, but it must be positive and at most {MaxSweepInterval}, such as 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
