namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>
/// Sandbox limits for JavaScript expressions, bound to the configuration section <c>Scripting:JavaScript</c>.
/// A value of 0 turns a limit off. Negative values are rejected when the options are validated.
/// </summary>
public sealed class JavaScriptOptions
{
    /// <summary>The configuration section the options are bound to.</summary>
    public const string SectionName = "Scripting:JavaScript";

    /// <summary>
    /// Maximum wall-clock time of one evaluation, in seconds. It also bounds each regular-expression match.
    /// Default 10.
    /// </summary>
    /// <remarks>
    /// Jint checks the time between statements, so one long-running built-in call can overrun it. Converting an object
    /// result to JSON runs under a fresh budget of the same size.
    /// </remarks>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Maximum number of statements one evaluation may execute. Default 0, which means no limit.</summary>
    public int MaxStatements { get; set; }

    /// <summary>
    /// Maximum depth of nested function calls. Default 256. With 0 there is no depth limit, but a call chain that would
    /// overflow the .NET stack still fails with a JavaScript <c>RangeError</c>.
    /// </summary>
    public int MaxRecursionDepth { get; set; } = 256;

    /// <summary>
    /// Maximum memory one evaluation may allocate, in megabytes of 1,048,576 bytes. Default 64.
    /// </summary>
    /// <remarks>
    /// Jint counts every byte allocated on the evaluating thread, garbage included, so a loop that builds many
    /// temporary strings reaches the limit although little memory stays live. The count is checked between statements
    /// and once more after the script ends, so one built-in call such as <c>'x'.repeat(n)</c> can allocate past the
    /// limit before the evaluation fails.
    /// </remarks>
    public int MemoryLimitMegabytes { get; set; } = 64;
}
