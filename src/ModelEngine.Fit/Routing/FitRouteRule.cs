using System.Globalization;

namespace ModelEngine.Fit.Routing;

/// <summary>
/// A routing rule: when <see cref="Condition"/> is true for a call's arguments, the call goes to the fitable
/// <see cref="FitableId"/>, or to the fitables that carry <see cref="Alias"/>.
/// </summary>
public sealed class FitRouteRule
{
    public FitRouteRule(Func<FitArguments, bool> condition, string? fitableId, string? alias, string description)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if ((fitableId is null) == (alias is null))
        {
            throw new ArgumentException("Invalid routing rule: set exactly one of a fitable id and an alias.", nameof(fitableId));
        }

        Condition = condition;
        FitableId = fitableId;
        Alias = alias;
        Description = description;
    }

    public Func<FitArguments, bool> Condition { get; }

    /// <summary>The fitable the rule picks, or <see langword="null"/> when it picks by alias.</summary>
    public string? FitableId { get; }

    /// <summary>The alias the rule picks by, or <see langword="null"/> when it picks a fitable id.</summary>
    public string? Alias { get; }

    /// <summary>The rule in words, for logs and traces, for example <c>language == 'zh' -> summarize-zh</c>.</summary>
    public string Description { get; }

    /// <summary>Builds a rule that compares one named argument, as configuration declares them.</summary>
    public static FitRouteRule Compare(string argument, FitRouteOperator op, IReadOnlyList<string> values, string? fitableId, string? alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(argument);
        ArgumentNullException.ThrowIfNull(values);
        var expected = values.ToArray();
        Func<FitArguments, bool> condition = op switch
        {
            FitRouteOperator.Equals => args => Text(args, argument) is { } s && string.Equals(s, expected[0], StringComparison.Ordinal),
            FitRouteOperator.In => args => Text(args, argument) is { } s && Array.IndexOf(expected, s) >= 0,
            FitRouteOperator.Prefix => args => Text(args, argument) is { } s && s.StartsWith(expected[0], StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Invalid routing operator. Use Equals, In or Prefix."),
        };
        var shown = op == FitRouteOperator.In ? $"in ({string.Join(", ", expected.Select(v => $"'{v}'"))})"
            : op == FitRouteOperator.Prefix ? $"starts with '{expected[0]}'" : $"== '{expected[0]}'";
        var target = fitableId ?? $"alias '{alias}'";
        return new FitRouteRule(condition, fitableId, alias, $"{argument} {shown} -> {target}");
    }

    /// <summary>Returns the argument as an invariant string, or <see langword="null"/> when absent or null.</summary>
    internal static string? Text(FitArguments arguments, string name) =>
        arguments.TryGet(name, out var value) ? value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
