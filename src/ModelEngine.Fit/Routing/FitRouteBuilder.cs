namespace ModelEngine.Fit.Routing;

/// <summary>
/// Declares the routing of one genericable in code:
/// <c>Route("summarize").When("language", "zh").Use("summarize-zh").Default("summarize-en")</c>.
/// </summary>
public sealed class FitRouteBuilder
{
    internal FitRouteBuilder(FitGenericableRoute route)
    {
        RouteSettings = route;
    }

    /// <summary>The settings this builder edits.</summary>
    public FitGenericableRoute RouteSettings { get; }

    /// <summary>Starts a rule that matches when the named argument equals <paramref name="value"/>.</summary>
    public FitRuleBuilder When(string argument, string value) =>
        new(this, argument, FitRouteOperator.Equals, [value]);

    /// <summary>Starts a rule that matches when the named argument equals one of <paramref name="values"/>.</summary>
    public FitRuleBuilder WhenIn(string argument, params string[] values) =>
        new(this, argument, FitRouteOperator.In, values);

    /// <summary>Starts a rule that matches when the named argument starts with <paramref name="prefix"/>.</summary>
    public FitRuleBuilder WhenPrefix(string argument, string prefix) =>
        new(this, argument, FitRouteOperator.Prefix, [prefix]);

    /// <summary>Starts a rule with any condition over the arguments. The <paramref name="description"/> shows in logs and traces.</summary>
    public FitRuleBuilder When(Func<FitArguments, bool> condition, string description = "predicate") =>
        new(this, condition, description);

    /// <summary>Sets the fitable chosen when several remain after ids, aliases and rules.</summary>
    public FitRouteBuilder Default(string fitableId)
    {
        RouteSettings.DefaultFitableId = fitableId;
        return this;
    }

    /// <summary>Sets the time a call may take when the call sets none.</summary>
    public FitRouteBuilder Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Invalid timeout. Use a positive value, or Timeout.InfiniteTimeSpan for no timeout.");
        }

        RouteSettings.Timeout = timeout;
        return this;
    }

    /// <summary>Sets the number of retries of a failed attempt when the call sets no count.</summary>
    public FitRouteBuilder Retry(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RouteSettings.Retry = count;
        return this;
    }

    internal FitRouteBuilder Add(FitRouteRule rule)
    {
        RouteSettings.Rules.Add(rule);
        return this;
    }
}
