namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Thrown when a plugin cannot be loaded. The message lists every problem found, each naming the file, the field or
/// entry, the value and the fix.
/// </summary>
public sealed class PluginLoadException : Exception
{
    public PluginLoadException(string message)
        : this([message])
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from one or more problems, which it keeps in <see cref="Problems"/>.</summary>
    public PluginLoadException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>The problems found, one sentence or two each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? problems[0]
            : $"{problems.Count} problems: " + string.Join(" ", problems.Select((p, i) => $"({i + 1}) {p}"));
    }
}
