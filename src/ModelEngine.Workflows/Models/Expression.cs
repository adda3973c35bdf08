using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Models;

/// <summary>
/// An expression as stored in a definition: a syntax name (<c>Literal</c>, <c>Object</c>, <c>Variable</c>,
/// <c>JavaScript</c>, <c>Liquid</c>) and its value, kept as the JSON the definition carried.
/// </summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    /// <summary>Creates a <c>Literal</c> expression.</summary>
    public static Expression Literal(object? value) => new(ExpressionTypes.Literal, JsonValueFactory.From(value));

    /// <summary>Returns the value as text, or <see langword="null"/> when the value is absent.</summary>
    public string? ValueAsText() => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => Value.ToJsonString(),
    };
}
