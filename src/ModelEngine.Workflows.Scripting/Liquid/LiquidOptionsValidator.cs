using Microsoft.Extensions.Options;

namespace ModelEngine.Workflows.Scripting.Liquid;

/// <summary>Rejects negative Liquid limits, naming the configuration key of each.</summary>
internal sealed class LiquidOptionsValidator : IValidateOptions<LiquidOptions>
{
    public ValidateOptionsResult Validate(string? name, LiquidOptions options)
    {
        var failures = new List<string>();

        if (options.MaxSteps < 0)
        {
            failures.Add(Describe(nameof(LiquidOptions.MaxSteps), options.MaxSteps));
        }

        if (options.MaxOutputSize < 0)
        {
            failures.Add(Describe(nameof(LiquidOptions.MaxOutputSize), options.MaxOutputSize));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string key, int value) =>
        $"{LiquidOptions.SectionName}:{key} is {value}, but it must be 0 (no limit) or a positive number.";
}
