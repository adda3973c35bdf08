namespace ModelEngine.Fel;

/// <summary>
/// Thrown when a model's output contains no JSON value, or when the value does not match the expected JSON Schema.
/// <see cref="Errors"/> lists every failing path with its value and rule.
/// </summary>
public sealed class FelParseException : Exception
{
    /// <summary>The maximum number of output characters quoted in the message.</summary>
    private const int QuotedOutputLength = 200;

    /// <summary>Creates the exception for <paramref name="output"/> with at least one error.</summary>
    public FelParseException(string output, IReadOnlyList<FelParseError> errors, Exception? innerException = null)
        : base(BuildMessage(output, errors), innerException)
    {
        Output = output;
        Errors = errors;
    }

    /// <summary>The model output that failed to parse.</summary>
    public string Output { get; }

    /// <summary>The failures, one per path and rule.</summary>
    public IReadOnlyList<FelParseError> Errors { get; }

    private static string BuildMessage(string output, IReadOnlyList<FelParseError> errors)
    {
        var quoted = output.Length <= QuotedOutputLength ? output : output[..QuotedOutputLength] + "…";
        var reasons = string.Join("; ", errors.Select(error => error.ToString()));
        return $"The model output is not valid structured output ({errors.Count} error(s): {reasons}). " +
            $"Check the prompt's format instructions or the schema. Output: {quoted}";
    }
}
