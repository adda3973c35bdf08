namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>The expression syntaxes the switcher offers for a wrapped input, named as the engine's definition JSON names them.</summary>
public static class ExpressionSyntaxes
{
    public const string Literal = "Literal";

    /// <summary>JSON text, parsed when the activity runs. Elsa files use it for arrays and objects.</summary>
    public const string Object = "Object";

    public const string JavaScript = "JavaScript";
    public const string Liquid = "Liquid";

    /// <summary>A reference <c>{ id, name }</c> to a workflow variable.</summary>
    public const string Variable = "Variable";

    /// <summary>The syntaxes in the order the switcher lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Literal, JavaScript, Liquid, Object, Variable];
}
