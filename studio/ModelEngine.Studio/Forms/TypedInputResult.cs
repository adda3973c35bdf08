using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Forms;

/// <summary>
/// The outcome of <see cref="TypedInputParser.Parse"/>: the JSON value to send, or the error to show on the field.
/// Blank text gives neither, and the caller decides whether the input is required.
/// </summary>
public readonly record struct TypedInputResult(JsonNode? Value, TypedInputError? Error)
{
    /// <summary>Whether the text was blank, so there is no value and no error.</summary>
    public bool IsEmpty => Value is null && Error is null;

    internal static TypedInputResult Empty => default;

    internal static TypedInputResult Of(JsonNode? value) => new(value, null);

    internal static TypedInputResult Fail(string key, params object[] arguments) => new(null, new TypedInputError(key, arguments));
}
