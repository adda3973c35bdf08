namespace ModelEngine.Fit.Routing;

/// <summary>The comparison a configured rule makes between an argument and its value(s). Arguments are compared as invariant strings.</summary>
public enum FitRouteOperator
{
    /// <summary>The argument equals the value (ordinal).</summary>
    Equals,

    /// <summary>The argument equals one of the values (ordinal).</summary>
    In,

    /// <summary>The argument starts with the value (ordinal).</summary>
    Prefix,
}
