namespace ModelEngine.Fel;

/// <summary>Thrown when a prompt template cannot be parsed or a placeholder has no value.</summary>
public sealed class PromptTemplateException : FormatException
{
    public PromptTemplateException(string message, string? placeholder)
        : base(message)
    {
        Placeholder = placeholder;
    }

    /// <summary>The placeholder at fault, or <see langword="null"/> when the fault is not about one placeholder.</summary>
    public string? Placeholder { get; }
}
