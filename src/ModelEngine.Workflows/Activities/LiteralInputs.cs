using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities;

/// <summary>Reads inputs whose value is known without running the instance, such as a fork's branch names.</summary>
public static class LiteralInputs
{
    /// <summary>Returns the literal list, or <see langword="null"/> when the input is an expression that needs an instance.</summary>
    public static IReadOnlyList<string>? ReadStrings(Input<string[]>? input)
    {
        if (input?.Expression is not { } expression)
        {
            return [];
        }

        if (expression.Type is not (ExpressionTypes.Literal or ExpressionTypes.Object or ExpressionTypes.Json))
        {
            return null;
        }

        try
        {
            var value = expression.Type == ExpressionTypes.Literal ? expression.Value : ParseObject(expression);
            return ValueConverter.Convert<string[]>(value) ?? [];
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Reads a string input without an instance. Returns <see langword="null"/> when the input is an expression that
    /// needs an instance, and a literal with a <see langword="null"/> value when the input is empty.
    /// </summary>
    public static LiteralString? ReadString(Input<string>? input)
    {
        if (input?.Expression is not { } expression || expression.Value is null)
        {
            return new LiteralString(null);
        }

        if (expression.Type is not ExpressionTypes.Literal)
        {
            return null;
        }

        return new LiteralString(expression.ValueAsText());
    }

    /// <summary>
    /// Reads an input whose expression is a literal (or an object or JSON literal). Returns <see langword="false"/> when
    /// the expression needs an instance, such as JavaScript, or when the literal does not convert to
    /// <typeparamref name="T"/>. An input without an expression, or with an empty literal, reads as the default value.
    /// </summary>
    public static bool TryReadValue<T>(Input<T>? input, out T? value)
    {
        value = default;
        if (input?.Expression is not { } expression)
        {
            return true;
        }

        if (expression.Type is not (ExpressionTypes.Literal or ExpressionTypes.Object or ExpressionTypes.Json))
        {
            return false;
        }

        // An empty literal is an unset input: converting "" to a value type such as TimeSpan has no result.
        if (expression.Type == ExpressionTypes.Literal && IsBlank(expression.Value))
        {
            return true;
        }

        try
        {
            value = ValueConverter.Convert<T>(expression.Type == ExpressionTypes.Literal ? expression.Value : ParseObject(expression));
            return true;
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or System.Text.Json.JsonException or OverflowException)
        {
            return false;
        }
    }

    private static bool IsBlank(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Text.Json.Nodes.JsonValue node when node.GetValueKind() == System.Text.Json.JsonValueKind.String => string.IsNullOrWhiteSpace(node.GetValue<string>()),
        System.Text.Json.Nodes.JsonValue node => node.GetValueKind() == System.Text.Json.JsonValueKind.Null,
        _ => false,
    };

    private static System.Text.Json.Nodes.JsonNode? ParseObject(Expression expression) =>
        expression.ValueAsText() is { Length: > 0 } text ? System.Text.Json.Nodes.JsonNode.Parse(text) : null;
}
