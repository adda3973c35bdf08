namespace ModelEngine.Workflows.Activities;

/// <summary>Marks an activity property as an input and carries its designer metadata.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    /// <summary>The designer's editor, from <see cref="UIHints"/>. Derived from the type when not set.</summary>
    public string? UIHint { get; init; }

    public bool IsRequired { get; init; }

    public int Order { get; init; }

    public string? Category { get; init; }

    public string? DefaultSyntax { get; init; }

    /// <summary>A default value, as a literal.</summary>
    public object? DefaultValue { get; init; }

    /// <summary>Dropdown choices, when the type does not imply them.</summary>
    public string[]? Options { get; init; }
}
