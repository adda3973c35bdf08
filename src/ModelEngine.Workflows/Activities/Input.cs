using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Activities;

/// <summary>
/// A wrapped activity input as stored in JSON: <c>{typeName, expression{type, value}, memoryReference}</c>. The engine
/// evaluates the expression each time the activity runs.
/// </summary>
public abstract class Input
{
    public Expression? Expression { get; set; }

    public MemoryReference? MemoryReference { get; set; }

    /// <summary>The type name the definition gave, kept so that export writes it back.</summary>
    public string? TypeName { get; set; }

    /// <summary>The CLR type the evaluated value is converted to.</summary>
    public abstract Type ValueType { get; }
}
