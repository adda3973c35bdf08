namespace ModelEngine.Workflows.Scripting.Liquid;

/// <summary>
/// Limits for Liquid templates, bound to the configuration section <c>Scripting:Liquid</c>. A value of 0 turns a limit
/// off. Negative values are rejected when the options are validated.
/// </summary>
public sealed class LiquidOptions
{
    /// <summary>The configuration section the options are bound to.</summary>
    public const string SectionName = "Scripting:Liquid";

    /// <summary>
    /// Maximum number of steps (tags, output statements and loop iterations, as Fluid counts them) one rendering may
    /// take. Default 100,000.
    /// </summary>
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>Maximum length of the rendered text, in characters. Default 1,048,576.</summary>
    public int MaxOutputSize { get; set; } = 1024 * 1024;
}
