namespace ModelEngine.Fit.Routing;

/// <summary>A rule whose condition is set. Its <see cref="Use"/> or <see cref="UseAlias"/> call names where it sends calls.</summary>
public sealed class FitRuleBuilder
{
    private readonly FitRouteBuilder _route;
    private readonly Func<string?, string?, FitRouteRule> _build;

    internal FitRuleBuilder(FitRouteBuilder route, string argument, FitRouteOperator op, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(argument);
        if (values.Count == 0)
        {
            throw new ArgumentException($"Invalid rule on argument '{argument}': it needs at least one value.", nameof(values));
        }

        _route = route;
        _build = (fitable, alias) => FitRouteRule.Compare(argument, op, values, fitable, alias);
    }

    internal FitRuleBuilder(FitRouteBuilder route, Func<FitArguments, bool> condition, string description)
    {
        ArgumentNullException.ThrowIfNull(condition);
        _route = route;
        _build = (fitable, alias) => new FitRouteRule(condition, fitable, alias, $"{description} -> {fitable ?? $"alias '{alias}'"}");
    }

    /// <summary>Sends the calls the rule matches to this fitable.</summary>
    public FitRouteBuilder Use(string fitableId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fitableId);
        return _route.Add(_build(fitableId, null));
    }

    /// <summary>Sends the calls the rule matches to the fitables that carry this alias.</summary>
    public FitRouteBuilder UseAlias(string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return _route.Add(_build(null, alias));
    }
}
