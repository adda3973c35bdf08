namespace ModelEngine.Fit.Contracts;

/// <summary>Marks a class as one implementation (a fitable) of the genericables its interfaces declare.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FitableAttribute(string id) : Attribute
{
    /// <summary>The fitable id, unique within its genericable.</summary>
    public string Id { get; } = id;

    /// <summary>Other names callers may route by.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Free-form labels that routing rules and operators may filter on.</summary>
    public string[] Tags { get; init; } = [];

    /// <summary>Whether this fitable is chosen when no rule, alias or id narrows the candidates.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The fitable that takes over a call when this one fails, or <see langword="null"/>.</summary>
    public string? DegradesTo { get; init; }
}
