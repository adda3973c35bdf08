using Microsoft.Extensions.Options;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>Rejects negative or non-finite JavaScript limits, naming the configuration key of each.</summary>
internal sealed class JavaScriptOptionsValidator : IValidateOptions<JavaScriptOptions>
{
    public ValidateOptionsResult Validate(string? name, JavaScriptOptions options)
    {
        var failures = new List<string>();

        if (double.IsNaN(options.TimeoutSeconds) || double.IsInfinity(options.TimeoutSeconds) || options.TimeoutSeconds < 0)
        {
            failures.Add(Describe(nameof(JavaScriptOptions.TimeoutSeconds), options.TimeoutSeconds));
        }
        else if (options.TimeoutSeconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            failures.Add(
                $"{JavaScriptOptions.SectionName}:{nameof(JavaScriptOptions.TimeoutSeconds)} is {options.TimeoutSeconds}, " +
                "which is too large. Use 0 to turn the timeout off.");
        }

        if (options.MaxStatements < 0)
        {
            failures.Add(Describe(nameof(JavaScriptOptions.MaxStatements), options.MaxStatements));
        }

        if (options.MaxRecursionDepth < 0)
        {
            failures.Add(Describe(nameof(JavaScriptOptions.MaxRecursionDepth), options.MaxRecursionDepth));
        }

        if (options.MemoryLimitMegabytes < 0)
        {
            failures.Add(Describe(nameof(JavaScriptOptions.MemoryLimitMegabytes), options.MemoryLimitMegabytes));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string key, double value) =>
        $"{JavaScriptOptions.SectionName}:{key} is {value}, but it must be 0 (no limit) or a positive number.";
}
