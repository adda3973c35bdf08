namespace ModelEngine.Fel;

/// <summary>One reason why a model's output did not parse or did not match its schema.</summary>
/// <param name="Path">The JSON Pointer of the failing value, such as <c>/items/0/price</c>, or an empty string for the root.</param>
/// <param name="Value">The failing value as compact JSON, or <see langword="null"/> when the value is missing.</param>
/// <param name="Rule">The schema keyword or parse step that failed, such as <c>required</c>, <c>type</c> or <c>json</c>.</param>
/// <param name="Message">The validator's or parser's message.</param>
public sealed record FelParseError(string Path, string? Value, string Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"at '{(Path.Length == 0 ? "/" : Path)}' value {Value ?? "(missing)"} failed '{Rule}': {Message}";
}
