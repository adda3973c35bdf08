namespace ModelEngine.Workflows.Models;

/// <summary>The expression syntax names used in definition JSON.</summary>
public static class ExpressionTypes
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Json = "Json";
    public const string Variable = "Variable";
    public const string Input = "Input";
    public const string JavaScript = "JavaScript";
    public const string Liquid = "Liquid";
}
